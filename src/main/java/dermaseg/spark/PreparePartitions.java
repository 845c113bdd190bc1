package dermaseg.spark;

import dermaseg.dataset.ContentHash;
import dermaseg.dataset.DatasetLayout;
import dermaseg.dataset.PairOutcome;
import dermaseg.dataset.PairPreparer;
import dermaseg.dataset.RejectReason;
import dermaseg.dataset.SourceFile;
import dermaseg.dataset.StoredPair;
import dermaseg.io.HadoopFiles;
import dermaseg.io.TransientFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The prepare job's one pixel stage: for each id of a {@link PrepareSchemas#PAIRS} row, read all
 * its files, hash them, and either note the pair as unchanged (its content hash equals the
 * previous snapshot's: nothing decoded, nothing written) or validate and store it through
 * {@link PairPreparer}. Exactly one {@link PrepareSchemas#OUTCOME} row per input row, produced
 * lazily, so a partition is never held in memory.
 *
 * <p>One file must not fail a scheduled run over the whole corpus. A file that cannot be read
 * (access denied, deleted since the listing) makes its pair a reject with reason
 * {@code unreadable}, and an unexpected error while validating or
 * storing a pair one with reason {@code prepare_failed}; the detail says which file and why. An
 * unreadable file enters the content hash by its URI, not its bytes, so the next run that can
 * read it processes the pair again. A store that does not answer is not the pair's fault: it
 * fails the task, which Spark runs again.
 */
final class PreparePartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final String ADDED = "added";
    static final String UPDATED = "updated";
    static final String UNCHANGED = "unchanged";

    private static final int ID = PrepareSchemas.PAIRS.fieldIndex("id");
    private static final int IMAGE_URIS = PrepareSchemas.PAIRS.fieldIndex("image_uris");
    private static final int MASK_URIS = PrepareSchemas.PAIRS.fieldIndex("mask_uris");
    private static final int PREVIOUS_HASH = PrepareSchemas.PAIRS.fieldIndex("previous_hash");

    private final PrepareSettings settings;

    PreparePartitions(PrepareSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        PairPreparer preparer = new PairPreparer(settings.longerSide(), settings.limits());
        Configuration conf = settings.hadoop().get();
        return Iterators.map(input, in -> outcome(in, preparer, conf));
    }

    private Row outcome(Row in, PairPreparer preparer, Configuration conf) {
        String id = in.getString(ID);
        List<String> unreadable = new ArrayList<>();
        List<SourceFile> images = read(in, IMAGE_URIS, conf, unreadable);
        List<SourceFile> masks = read(in, MASK_URIS, conf, unreadable);
        String hash = ContentHash.of(images, masks);
        String previous = in.isNullAt(PREVIOUS_HASH) ? null : in.getString(PREVIOUS_HASH);
        Object[] v = new Object[PrepareSchemas.OUTCOME.size()];
        set(v, "id", id);
        set(v, "split", settings.ratios().assign(id));
        set(v, "content_hash", hash);
        if (hash.equals(previous)) {
            set(v, "change", UNCHANGED);
            return RowFactory.create(v);
        }
        set(v, "change", previous == null ? ADDED : UPDATED);
        Audit.prepared(id);
        PairOutcome outcome = unreadable.isEmpty() ? prepare(preparer, images, masks)
                : rejected(images, masks, RejectReason.UNREADABLE, String.join("; ", unreadable));
        set(v, "image_uri", outcome.imageUri());
        set(v, "mask_uri", outcome.maskUri());
        set(v, "merged_copies", outcome.mergedCopies());
        if (outcome instanceof PairOutcome.Rejected r) {
            set(v, "status", DatasetLayout.REJECTED);
            set(v, "reason", r.reason());
            set(v, "detail", r.detail());
        } else if (outcome instanceof PairOutcome.Accepted a) {
            StoredPair p = a.pair();
            set(v, "status", DatasetLayout.ACCEPTED);
            set(v, "image", p.imagePng());
            set(v, "mask", p.maskPng());
            set(v, "width", p.width());
            set(v, "height", p.height());
            set(v, "original_width", p.originalWidth());
            set(v, "original_height", p.originalHeight());
            set(v, "centroid_x", p.centroidX());
            set(v, "centroid_y", p.centroidY());
            set(v, "lesion_area", p.lesionArea());
            set(v, "lesion_fraction", p.lesionFraction());
        }
        return RowFactory.create(v);
    }

    /** {@link PairPreparer#prepare}, an unexpected failure made a {@code prepare_failed} reject. */
    static PairOutcome prepare(PairPreparer preparer, List<SourceFile> images, List<SourceFile> masks) {
        try {
            return preparer.prepare(images, masks);
        } catch (RuntimeException e) {
            return rejected(images, masks, RejectReason.PREPARE_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static PairOutcome rejected(List<SourceFile> images, List<SourceFile> masks, RejectReason reason,
            String detail) {
        return new PairOutcome.Rejected(images.isEmpty() ? null : images.get(0).uri(),
                masks.isEmpty() ? null : masks.get(0).uri(), 0, reason.code(), detail);
    }

    /**
     * Reads the files of one side; a file that cannot be read is added as
     * {@link SourceFile#unreadable} and {@code unreadable} gets a line saying which and why.
     */
    private List<SourceFile> read(Row in, int column, Configuration conf, List<String> unreadable) {
        List<SourceFile> files = new ArrayList<>();
        if (in.isNullAt(column)) {
            return files;
        }
        for (Object uri : in.getList(column)) {
            String u = (String) uri;
            try {
                files.add(SourceFile.read(u, HadoopFiles.read(u, conf, settings.limits().maxBytes())));
            } catch (HadoopFiles.FileTooLargeException e) {
                files.add(SourceFile.unread(u, e.length()));
            } catch (IOException | RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    throw new TransientFailures.StoreUnavailableException("reading " + u, e);
                }
                files.add(SourceFile.unreadable(u));
                unreadable.add(u + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static void set(Object[] values, String column, Object value) {
        values[PrepareSchemas.OUTCOME.fieldIndex(column)] = value;
    }
}
