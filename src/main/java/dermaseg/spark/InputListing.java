package dermaseg.spark;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import dermaseg.io.FileListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A job's input as a table of files, never of their contents: {@link FileListing} lists the
 * inputs on the driver (every entry, a FIFO or a dangling link included, so that each gets its
 * row), and the listing is what gets repartitioned; executors read each image themselves, so no
 * image crosses the network twice.
 *
 * <p>Each image's id is its file name without extension. Ground-truth masks, when given, are
 * paired by the ids their names yield under the mask patterns: of several files naming one id,
 * the one matched by the earliest pattern, then the first by path. Of several images with one id,
 * the first by path is the id's image and the others are marked as its duplicates, so a job
 * reports them instead of silently writing one mask over another.
 */
public final class InputListing {
    /** {@link Schemas#INPUT} with the duplicate mark: the first file of the id, or null. */
    public static final StructType LISTED = Schemas.INPUT.add("duplicate_of", StringType, true);

    private InputListing() {
    }

    /** One listed image. */
    record Image(String imageId, FileListing.Entry file, String groundTruth, String duplicateOf) {
        Row toRow() {
            return RowFactory.create(imageId, file.uri(), file.length(), new Timestamp(file.modified()), groundTruth,
                    duplicateOf);
        }
    }

    /**
     * The images under {@code inputs} that pass {@code glob}, with their ground truth from
     * {@code masks} (or none) and duplicate marks, as {@link #LISTED} rows on the driver, sorted by
     * URI; nothing under {@code excluded} (the job's output folder) is listed.
     */
    static List<Row> rows(SparkSession spark, List<String> inputs, String glob, String masks, FileIds ids,
            String excluded) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Map<String, String> truth = masks == null ? Map.of()
                : groundTruth(list(List.of(masks), null, excluded, conf), ids);
        List<Row> rows = new ArrayList<>();
        for (Image image : pair(list(inputs, glob, excluded, conf), truth)) {
            rows.add(image.toRow());
        }
        return rows;
    }

    /** Ids and ground truth of image files (sorted by URI), the first file of an id keeping it. */
    static List<Image> pair(List<FileListing.Entry> imageFiles, Map<String, String> groundTruth) {
        Map<String, String> firstOfId = new HashMap<>();
        List<Image> images = new ArrayList<>(imageFiles.size());
        for (FileListing.Entry f : imageFiles) {
            String id = FileIds.imageId(f.uri());
            String first = firstOfId.putIfAbsent(id, f.uri());
            images.add(new Image(id, f, groundTruth.get(id), first));
        }
        return images;
    }

    /**
     * Each id's mask among {@code maskFiles} (sorted by URI): the file matched by the earliest
     * pattern ({@code X_segmentation.png} before {@code X.png} under the default patterns), then
     * the first by path. Files no pattern names are left out.
     */
    static Map<String, String> groundTruth(List<FileListing.Entry> maskFiles, FileIds ids) {
        Map<String, String> mask = new LinkedHashMap<>();
        Map<String, Integer> pattern = new HashMap<>();
        for (FileListing.Entry f : maskFiles) {
            int p = ids.maskPattern(f.uri());
            if (p < 0) {
                continue;
            }
            String id = ids.maskId(f.uri());
            Integer best = pattern.get(id);
            if (best == null || p < best) {
                pattern.put(id, p);
                mask.put(id, f.uri());
            }
        }
        return mask;
    }

    /** Mask files as {@code (mask_id, ground_truth)}, one per id, by {@link #groundTruth}'s rule. */
    public static Dataset<Row> masks(SparkSession spark, String masks, FileIds ids, String excluded) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Row> rows = new ArrayList<>();
        groundTruth(list(List.of(masks), null, excluded, conf), ids).forEach((id, uri) -> rows.add(RowFactory.create(id, uri)));
        return spark.createDataFrame(rows, new StructType().add("mask_id", StringType, false)
                .add("ground_truth", StringType, false));
    }

    /** Image files as {@code (source, image_id)}. */
    public static Dataset<Row> images(SparkSession spark, List<String> inputs, String glob, String excluded) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Row> rows = new ArrayList<>();
        for (FileListing.Entry f : list(inputs, glob, excluded, conf)) {
            rows.add(RowFactory.create(f.uri(), FileIds.imageId(f.uri())));
        }
        return spark.createDataFrame(rows, new StructType().add("source", StringType, false)
                .add("image_id", StringType, false));
    }

    /**
     * Every file under {@code roots} as {@code (path, mask_id, pattern)}: the id and the position
     * of the first pattern that names it, both null for a file that no pattern names.
     */
    static Dataset<Row> maskFiles(SparkSession spark, List<String> roots, FileIds ids, String excluded) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<Row> rows = new ArrayList<>();
        for (FileListing.Entry f : list(roots, null, excluded, conf)) {
            int p = ids.maskPattern(f.uri());
            rows.add(RowFactory.create(f.uri(), p < 0 ? null : ids.maskId(f.uri()), p < 0 ? null : p));
        }
        return spark.createDataFrame(rows, new StructType().add("path", StringType, false)
                .add("mask_id", StringType, true).add("pattern", IntegerType, true));
    }

    private static List<FileListing.Entry> list(List<String> roots, String glob, String excluded, Configuration conf) {
        try {
            return FileListing.list(roots, glob, excluded, conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
