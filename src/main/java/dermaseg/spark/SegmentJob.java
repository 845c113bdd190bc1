package dermaseg.spark;

import dermaseg.fcn.DjlRuntime;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The segment job: image files on any Hadoop file system (local disk, S3 through S3A) in, lesion
 * masks and metrics out, as a Parquet folder for a one-off run ({@link FolderOutput}) or as Delta
 * tables that later runs extend ({@link TableOutput}, {@code --incremental}).
 *
 * <pre>
 * listing (paths only) ─repartition─▶ LesionSegmentation: read, decode, FCN in batches
 *                                                         ▶ superpixel fine-tuning
 *                                                         ▶ fusion, Otsu, clean-up, scores
 *                                   ▶ masks/ metrics/ summary.json [png/]
 * </pre>
 *
 * <p>A thin shell: the listing is {@link InputListing}'s, the pipeline shape {@link SegmentRows}'s
 * (the Transformer's), the outputs the two writers'.
 */
public final class SegmentJob {
    private SegmentJob() {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/segment}. */
    public static void main(String[] args) {
        System.exit(JobMain.execute(new SegmentOptions(), args));
    }

    /**
     * Runs the job and returns what it wrote to {@code summary.json}.
     *
     * @throws EmptyCorpusException when the inputs list no image and {@code --allow-empty} was not
     *                              given; nothing is written then
     */
    public static RunSummary run(SparkSession spark, SegmentOptions options) throws IOException {
        options.validate();
        DjlRuntime.ensureOffline();
        Instant startedAt = Instant.now();
        String runId = runId(startedAt);
        LesionSegmentation segmentation = SegmentRows.configure(options.segmentation(), options.masks != null);
        List<Row> listing = Phases.get(spark, "segment: listing", () -> InputListing.rows(spark, options.inputs,
                options.glob.glob, options.masks, options.maskPattern.ids(), options.output));
        // Known empty here, on the driver, before either output writes anything.
        options.allowEmpty.check(listing.size(), options.listing());
        return options.incremental
                ? TableOutput.run(spark, options, listing, segmentation, runId, startedAt)
                : FolderOutput.run(spark, options, listing, segmentation, runId, startedAt);
    }

    static String runId(Instant at) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(at);
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return time + "-" + HexFormat.of().formatHex(random);
    }
}
