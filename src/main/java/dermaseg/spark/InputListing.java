package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The job's input as a table of file paths, never of file contents. Spark's {@code binaryFile}
 * source resolves the inputs (recursively, through the glob filter, with Hadoop's hidden-file
 * rules) into its file index; the job takes the index's file list rather than the source's rows,
 * because the source yields no row at all for a zero-length file, and an empty upload must
 * become an error row, not vanish. The listing is what gets repartitioned, so no image is
 * shuffled across the network; executors read each image themselves.
 *
 * <p>Each image's id is its file name without extension. Ground-truth masks, when given, are
 * paired by the ids their names yield under the mask patterns, the earliest pattern first. Two images with the same id are
 * both kept, the later (by path) marked as a duplicate so the job reports it instead of
 * silently overwriting one mask with another.
 */
public final class InputListing {
    private InputListing() {
    }

    /**
     * Every file the {@code binaryFile} source would read under {@code roots}, as URIs, less
     * those under {@code excluded} (a job's own output folder, or null): a job that writes
     * inside the folder it reads must not take its earlier output (mask PNGs) for input.
     */
    static List<String> files(SparkSession spark, List<String> roots, String glob, String excluded) {
        DataFrameReader reader = spark.read().format("binaryFile").option("recursiveFileLookup", "true");
        if (glob != null) {
            reader = reader.option("pathGlobFilter", glob);
        }
        String[] files = reader.load(roots.toArray(new String[0])).inputFiles();
        Arrays.sort(files);
        if (excluded == null) {
            return Arrays.asList(files);
        }
        String prefix = qualified(spark, excluded) + "/";
        // Compared as Hadoop paths: the file index writes file:///x where Path writes file:/x.
        return Arrays.stream(files).filter(f -> !new Path(f).toString().startsWith(prefix)).toList();
    }

    private static String qualified(SparkSession spark, String folder) {
        Path path = new Path(folder);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path).toString()
                    .replaceAll("/+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + folder, e);
        }
    }

    public static Dataset<Row> images(SparkSession spark, List<String> inputs, String glob, String excluded) {
        List<String> files = files(spark, inputs, glob, excluded);
        UserDefinedFunction imageId = udf((UDF1<String, String>) FileIds::imageId, DataTypes.StringType);
        return spark.createDataset(files, Encoders.STRING()).toDF("source")
                .withColumn("image_id", imageId.apply(col("source")));
    }

    /**
     * Mask files named by {@code ids}' patterns, as {@code (mask_id, ground_truth)}, one per id:
     * first match wins, so of several files naming one id the one matched by the earliest pattern
     * is taken ({@code X_segmentation.png} before {@code X.png} under the default patterns), then
     * the first by path.
     */
    public static Dataset<Row> masks(SparkSession spark, String masks, FileIds ids, String excluded) {
        return maskFiles(spark, List.of(masks), ids, excluded)
                .where(col("mask_id").isNotNull())
                .groupBy("mask_id")
                .agg(min(struct(col("pattern"), col("path"))).getField("path").as("ground_truth"));
    }

    /**
     * Every file under {@code roots} as {@code (path, mask_id, pattern)}: the id and the position
     * of the first pattern that names it, both null for a file that no pattern names.
     */
    static Dataset<Row> maskFiles(SparkSession spark, List<String> roots, FileIds ids, String excluded) {
        UserDefinedFunction maskId = udf((UDF1<String, String>) ids::maskId, DataTypes.StringType);
        UserDefinedFunction pattern = udf((UDF1<String, Integer>) p -> {
            int i = ids.maskPattern(p);
            return i < 0 ? null : i;
        }, DataTypes.IntegerType);
        return spark.createDataset(files(spark, roots, null, excluded), Encoders.STRING()).toDF("path")
                .withColumn("mask_id", maskId.apply(col("path")))
                .withColumn("pattern", pattern.apply(col("path")));
    }

    /**
     * Images with their ground truth (or null) and duplicate marks, in {@link Schemas#INPUT}
     * order; nothing under {@code excluded} (the job's output folder) is listed.
     */
    public static Dataset<Row> build(SparkSession spark, List<String> inputs, String glob, String masks, FileIds ids,
            String excluded) {
        Dataset<Row> images = images(spark, inputs, glob, excluded);
        Column groundTruth;
        if (masks != null) {
            Dataset<Row> m = masks(spark, masks, ids, excluded);
            images = images.join(m, images.col("image_id").equalTo(m.col("mask_id")), "left");
            groundTruth = col("ground_truth");
        } else {
            groundTruth = lit(null).cast(DataTypes.StringType);
        }
        WindowSpec byId = Window.partitionBy("image_id").orderBy("source");
        Column rank = row_number().over(byId);
        Column firstSource = first("source").over(byId);
        return images.select(
                col("image_id"),
                col("source"),
                groundTruth.as("ground_truth"),
                when(rank.gt(1), firstSource).as("duplicate_of"));
    }
}
