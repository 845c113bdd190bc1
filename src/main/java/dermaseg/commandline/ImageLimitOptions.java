package dermaseg.commandline;

import dermaseg.image.ImageLimits;
import picocli.CommandLine.Option;

/**
 * How large an input may be and how large the superpixel stage works: the same limits for the
 * segment job and the single-machine commands, checked before any pixel is decoded.
 */
public final class ImageLimitOptions {
    @Option(names = "--analysis-max-side", defaultValue = "1024", paramLabel = "PIXELS",
            description = "Larger images are shrunk to this longer side for the superpixel stage; masks are "
                    + "always full size (default: ${DEFAULT-VALUE}).")
    private int analysisMaxSide;

    @Option(names = "--max-pixels", defaultValue = "100000000", paramLabel = "N",
            description = "Images with more pixels are refused as too_large, from their header (default: "
                    + "${DEFAULT-VALUE}).")
    private long maxPixels;

    @Option(names = "--max-bytes", defaultValue = "268435456", paramLabel = "BYTES",
            description = "Files longer than this are refused as too_large, before they are read (default: "
                    + "${DEFAULT-VALUE}).")
    private long maxBytes;

    public int analysisMaxSide() {
        return analysisMaxSide;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public ImageLimits limits() {
        return ImageLimits.builder().maxPixels(maxPixels).maxBytes(maxBytes).build();
    }

    public void validate() {
        OptionChecks.atLeast("--analysis-max-side", analysisMaxSide, 64);
        OptionChecks.atLeast("--max-pixels", maxPixels, 1);
        OptionChecks.atLeast("--max-bytes", maxBytes, 1);
    }
}
