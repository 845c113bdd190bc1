package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dermaseg.io.HadoopFiles;
import dermaseg.report.Gallery;
import dermaseg.report.Outcome;
import dermaseg.report.ReportContent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The evaluate job's gallery: which images (the worst and best by fused Jaccard, and the named
 * ones), their rows and scores, and their figures, drawn by a re-run of just those images and
 * written under {@code gallery/}. {@link Gallery} lays the cases out.
 */
final class EvaluationGallery {
    private EvaluationGallery() {
    }

    /**
     * Chooses the images (recorded in {@code s}: worst, best, named), draws their figures and
     * returns the gallery's sections.
     */
    static List<ReportContent.GallerySection> build(Dataset<Row> images, Dataset<Row> metrics, Dataset<Row> plan,
            EvaluateOptions o, EvaluationSummary s, LesionSegmentation segmentation, Configuration hadoop)
            throws IOException {
        Dataset<Row> scored = images.where(col("outcome").equalTo(EvaluationPlan.SCORED));
        if (o.gallery > 0) {
            s.worst = ids(scored.orderBy(col("fused_jaccard").asc(), col("image_id").asc()).limit(o.gallery));
            s.best = ids(scored.orderBy(col("fused_jaccard").desc(), col("image_id").asc()).limit(o.gallery));
        }
        s.named = o.namedIds();
        Set<String> all = new LinkedHashSet<>(s.worst);
        all.addAll(s.best);
        all.addAll(s.named);
        Map<String, Row> rows = new HashMap<>();
        // Duplicate ids have several rows: the one that was segmented speaks for the id.
        for (Row r : images.where(col("image_id").isInCollection(all)).collectAsList()) {
            Row seen = rows.get(r.<String>getAs("image_id"));
            if (seen == null || FusedMasks.OK.equals(r.getAs("segment_status"))) {
                rows.put(r.getAs("image_id"), r);
            }
        }
        Map<String, List<ReportContent.CaseScore>> scores = new HashMap<>();
        for (Row r : metrics.where(col("image_id").isInCollection(all)).collectAsList()) {
            scores.computeIfAbsent(r.getAs("image_id"), k -> new ArrayList<>())
                    .add(new ReportContent.CaseScore(r.getAs("stage"), r.getAs("jaccard"), r.getAs("dice")));
        }
        scores.values().forEach(l -> l.sort((a, b) -> Integer.compare(Schemas.METRIC_STAGES.indexOf(a.stage()),
                Schemas.METRIC_STAGES.indexOf(b.stage()))));
        Map<String, Gallery.Entry> entries = new HashMap<>();
        rows.forEach((id, r) -> entries.put(id, new Gallery.Entry(Outcome.of(r.getAs("outcome")), r.getAs("reason"),
                r.getAs("lesion_fraction"), r.getAs("mean_fcn_probability"), r.getAs("uncertainty"),
                scores.getOrDefault(id, List.of()))));
        boolean segmented = rows.values().stream().anyMatch(r -> FusedMasks.OK.equals(r.getAs("segment_status")));
        Map<String, Gallery.Figure> figures = segmented
                ? figures(plan, all, o, segmentation, hadoop) : Map.of();
        return Gallery.sections(s.worst, s.best, s.named, s.outcomes.getOrDefault(EvaluationPlan.SCORED, 0L),
                entries, figures);
    }

    private static List<String> ids(Dataset<Row> rows) {
        return rows.select("image_id").as(Encoders.STRING()).collectAsList();
    }

    /** The figures of the segmented images among {@code ids}, drawn by a re-run and written to gallery/. */
    private static Map<String, Gallery.Figure> figures(Dataset<Row> plan, Set<String> ids, EvaluateOptions o,
            LesionSegmentation segmentation, Configuration hadoop) throws IOException {
        Dataset<Row> input = plan.where(col("image_id").isInCollection(ids)
                        .and(col("segment_status").equalTo(FusedMasks.OK)))
                .withColumn("mask_png", lit(null).cast("binary"))
                .select(EvaluationPlan.columns(EvaluationPlan.RERUN_INPUT));
        int partitions = o.partitioning.count(ids.size(), input.sparkSession());
        Map<String, Gallery.Figure> figures = new HashMap<>();
        for (Row r : Reruns.figures(input, segmentation, o.figureSide, partitions).collectAsList()) {
            String id = r.getString(0);
            if (!r.isNullAt(4)) {
                String file = "gallery/" + SafeKeys.fileName(id, ".png");
                HadoopFiles.write(HadoopFiles.child(o.report, file), hadoop, (byte[]) r.get(4));
                figures.put(id, new Gallery.Figure(file, null));
            } else if (FusedMasks.ERROR.equals(r.getString(1))) {
                figures.put(id, new Gallery.Figure(null, r.getString(2) + " (" + r.getString(3) + ")"));
            }
        }
        return figures;
    }
}
