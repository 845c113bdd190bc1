package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import dermaseg.dataset.DatasetLayout;
import dermaseg.io.FileListing;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The select-for-annotation job: the {@code --count} images of a segment run with the highest
 * {@code uncertainty}, among those segmented ({@code status = ok}) and not already in a training
 * dataset, as a CSV a labelling tool can take and the same rows in Parquet.
 *
 * <pre>
 * masks/ (ok rows) ─anti-join ids of --training─▶ order by uncertainty desc, image_id ─▶ first N
 *   ─▶ candidates.csv, candidates/ (Parquet)
 * </pre>
 *
 * <p>Error rows are left out although the input's own faults carry uncertainty 1: there is no
 * mask to correct, and {@code outcomes.sql} lists them already. Ties are broken by image id, so
 * the same run gives the same list.
 */
public final class SelectForAnnotationJob {
    static final String CSV = "candidates.csv";
    static final String PARQUET = "candidates";
    /** The columns of both outputs, in order. */
    static final List<String> COLUMNS = List.of("rank", "image_id", "source", "uncertainty", "lesion_fraction",
            "mean_fcn_probability", "model_version", "run_id");

    private SelectForAnnotationJob() {
    }

    /** What was selected, for the summary line. */
    record Selection(long scored, long inTraining, int selected, double highest, double lowest) {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/select-for-annotation}. */
    public static void main(String[] args) {
        System.exit(JobMain.execute(new SelectForAnnotationOptions(), args));
    }

    public static Selection run(SparkSession spark, SelectForAnnotationOptions options) throws IOException {
        options.validate();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        options.checkPaths(hadoop);
        RunSummary run = SegmentOutputs.summary(options.segmentOutput, hadoop);
        Dataset<Row> masks = SegmentOutputs.read(spark, options.segmentOutput, SegmentOutputs.MASKS, run, hadoop);
        if (!Arrays.asList(masks.columns()).contains("uncertainty")) {
            throw new IllegalArgumentException(options.segmentOutput + "'s masks/ has no uncertainty column: it was "
                    + "made by a release before uncertainty scores; segment again");
        }
        Dataset<Row> scored = masks.where(col("status").equalTo(FusedMasks.OK).and(col("uncertainty").isNotNull()));
        long scoredCount = Phases.get(spark, "select-for-annotation: counting", scored::count);
        if (scoredCount == 0 && masks.where(col("status").equalTo(FusedMasks.OK)).limit(1).count() > 0) {
            throw new IllegalArgumentException(options.segmentOutput + " has masks without uncertainty: its model "
                    + "card has no uncertainty fit (dermaseg fit-uncertainty --write-card), segment again after it");
        }
        Dataset<Row> annotated = trainingIds(spark, options.training, hadoop);
        Dataset<Row> fresh = scored.join(annotated, scored.col("image_id").equalTo(annotated.col("training_id")),
                "left_anti");
        long freshCount = Phases.get(spark, "select-for-annotation: leaving out training data", fresh::count);
        Dataset<Row> top = fresh
                .withColumn("rank", row_number().over(Window.orderBy(col("uncertainty").desc(), col("image_id"))))
                .where(col("rank").leq(options.count))
                .select(COLUMNS.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
                .orderBy("rank");
        List<Row> rows = Phases.get(spark, "select-for-annotation: selecting", top::collectAsList);
        if (options.overwrite) {
            HadoopFiles.delete(options.output, hadoop);
        }
        spark.createDataFrame(rows, top.schema()).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(HadoopFiles.child(options.output, PARQUET));
        HadoopFiles.write(HadoopFiles.child(options.output, CSV), hadoop, csv(rows).getBytes(StandardCharsets.UTF_8));
        double highest = rows.isEmpty() ? Double.NaN : rows.get(0).<Double>getAs("uncertainty");
        double lowest = rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1).<Double>getAs("uncertainty");
        return new Selection(scoredCount, scoredCount - freshCount, rows.size(), highest, lowest);
    }

    /**
     * The image ids of every {@code --training} source, as {@code training_id}: a prepare-training
     * output's pairs (accepted or not: a rejected pair's image is known to the annotators too), or
     * the image files under a folder.
     */
    static Dataset<Row> trainingIds(SparkSession spark, List<String> sources, Configuration hadoop)
            throws IOException {
        List<String> ids = new ArrayList<>();
        Dataset<Row> tables = null;
        for (String source : sources) {
            String pairs = new DatasetLayout(source).pairsTable();
            if (HadoopFiles.exists(HadoopFiles.child(pairs, "_delta_log"), hadoop)) {
                Dataset<Row> t = DeltaCommits.read(spark, pairs).select(col("id").as("training_id"));
                tables = tables == null ? t : tables.union(t);
            } else {
                for (FileListing.Entry f : FileListing.list(List.of(source), null, null, hadoop)) {
                    ids.add(FileIds.imageId(f.uri()));
                }
            }
        }
        Dataset<Row> listed = spark.createDataset(ids, Encoders.STRING()).toDF("training_id");
        return (tables == null ? listed : listed.union(tables)).distinct();
    }

    /** RFC 4180 CSV with a header; ids and URIs are quoted when they hold a comma, quote or line break. */
    static String csv(List<Row> rows) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Row r : rows) {
            s.append(r.<Integer>getAs("rank")).append(',')
                    .append(quoted(r.getAs("image_id"))).append(',')
                    .append(quoted(r.getAs("source"))).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%s,%s", r.<Double>getAs("uncertainty"),
                            number(r.getAs("lesion_fraction")), number(r.getAs("mean_fcn_probability"))))
                    .append(',').append(quoted(r.getAs("model_version")))
                    .append(',').append(quoted(r.getAs("run_id"))).append("\r\n");
        }
        return s.toString();
    }

    private static String number(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String quoted(String v) {
        if (v == null) {
            return "";
        }
        boolean plain = v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? v : '"' + v.replace("\"", "\"\"") + '"';
    }
}
