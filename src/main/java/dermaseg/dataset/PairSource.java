package dermaseg.dataset;

import dermaseg.io.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Where training or validation pairs come from: a folder of files, or the Parquet shards that the
 * prepare-training job writes. Pairs are streamed, never all held in memory, so a corpus may be
 * larger than the trainer's heap.
 */
public interface PairSource {
    /** Human-readable origin, recorded in the model card. */
    String description();

    /** Every pair's id, sorted; used for counts and for the card's hash of the data. */
    List<String> ids();

    /**
     * The pairs in an order drawn from {@code shuffleSeed} (the same seed, the same order), or in
     * a fixed order when {@code shuffleSeed} is {@code null} (id order for folders, storage order
     * for shards).
     */
    Iterator<TrainingPair> iterator(Long shuffleSeed) throws IOException;

    /** The Parquet files the pairs are read from, as URIs, for the model card; none for folders. */
    default List<String> shards() {
        return List.of();
    }

    /** The dataset version that chose the pairs ({@code <table>@v<N>}), for the model card; null for folders. */
    default String manifest() {
        return null;
    }

    /** SHA-256 over the sorted ids, one per line: which data a model saw, in 64 hex digits. */
    default String idsSha256() {
        MessageDigest digest = Sha256.newDigest();
        for (String id : ids()) {
            digest.update(id.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Wraps an {@link IOException} thrown while streaming, for use inside iterators. */
    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
