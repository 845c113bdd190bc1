package dermaseg.spark;

import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

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
        /** The summary line: with nothing selected there is no uncertainty range to give. */
        String summary() {
            String counts = String.format(Locale.ROOT, "%d of %d segmented images selected (%d already in training data)",
                    selected, scored, inTraining);
            return selected == 0 ? counts + "; nothing to annotate"
                    : counts + String.format(Locale.ROOT, "; uncertainty %.3f to %.3f", highest, lowest);
        }
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
        // A top-N sort (Spark's TakeOrderedAndProject: a bounded heap per partition), ranked here.
        Dataset<Row> top = fresh.orderBy(col("uncertainty").desc(), col("image_id")).limit(options.count)
                .select(COLUMNS.subList(1, COLUMNS.size()).stream().map(c -> col(c)).toArray(Column[]::new));
        List<Row> rows = new ArrayList<>();
        for (Row r : Phases.get(spark, "select-for-annotation: selecting", top::collectAsList)) {
            Object[] v = new Object[COLUMNS.size()];
            v[0] = rows.size() + 1;
            for (int i = 1; i < v.length; i++) {
                v[i] = r.get(i - 1);
            }
            rows.add(RowFactory.create(v));
        }
        StructType schema = new StructType().add("rank", DataTypes.IntegerType, false);
        for (StructField f : top.schema().fields()) {
            schema = schema.add(f);
        }
        if (options.overwrite) {
            HadoopFiles.delete(options.output, hadoop);
        }
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(HadoopFiles.child(options.output, PARQUET));
        HadoopFiles.write(HadoopFiles.child(options.output, CSV), hadoop, csv(rows).getBytes(StandardCharsets.UTF_8));
        double highest = rows.isEmpty() ? Double.NaN : (Double) at(rows.get(0), "uncertainty");
        double lowest = rows.isEmpty() ? Double.NaN : (Double) at(rows.get(rows.size() - 1), "uncertainty");
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
            s.append(at(r, "rank")).append(',')
                    .append(quoted(at(r, "image_id"))).append(',')
                    .append(quoted(at(r, "source"))).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%s,%s", at(r, "uncertainty"),
                            number(at(r, "lesion_fraction")), number(at(r, "mean_fcn_probability"))))
                    .append(',').append(quoted(at(r, "model_version")))
                    .append(',').append(quoted(at(r, "run_id"))).append("\r\n");
        }
        return s.toString();
    }

    /** A value of a selected row, by column name (the rows are built here, without a schema). */
    private static Object at(Row r, String column) {
        return r.get(COLUMNS.indexOf(column));
    }

    private static String number(Object v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        boolean plain = v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? v : '"' + v.replace("\"", "\"\"") + '"';
    }
}
