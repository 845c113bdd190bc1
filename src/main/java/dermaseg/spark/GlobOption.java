package dermaseg.spark;

import picocli.CommandLine.Option;

/** {@code --glob}: which listed files are images, for every job that lists images. */
final class GlobOption {
    static final String DEFAULT_GLOB = "*.{jpg,jpeg,png,bmp,tif,tiff,JPG,JPEG,PNG,BMP,TIF,TIFF}";

    @Option(names = "--glob", defaultValue = DEFAULT_GLOB, paramLabel = "GLOB",
            description = "Which listed files are images, by file name (Hadoop glob syntax; default: "
                    + "${DEFAULT-VALUE}).")
    String glob;
}
