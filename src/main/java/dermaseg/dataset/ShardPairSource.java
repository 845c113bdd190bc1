package dermaseg.dataset;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;

/**
 * Training pairs of one split of a prepared dataset, streamed from the Parquet files of one
 * version of its {@code pairs} table (local or {@code s3a://}) without Spark: the files that
 * version's log names, and in them the accepted rows (a rejected pair's row is skipped).
 *
 * <p>Shuffling is two-level, as the data never fits in memory at corpus scale: the shard files
 * are visited in an order drawn from the seed, and rows pass through a shuffle buffer of bounded
 * size (each output is a uniformly drawn row of the buffer, replaced by the next row read). The
 * prepare job writes rows in an order unrelated to their ids, so shard order plus buffer mixes
 * well. Memory: one Parquet row group of the current shard plus the buffer's pairs. Without a
 * seed (validation), pairs come in shard order, the same every time.
 */
public final class ShardPairSource implements PairSource {
    /** Pairs held for shuffling: about 35 MB for 256-pixel PNGs. */
    public static final int DEFAULT_SHUFFLE_BUFFER = 256;

    private final DatasetSnapshot snapshot;
    private final String split;
    private final Configuration conf;
    private final int shuffleBuffer;
    /** Id → the file that holds its row, for the pairs this source yields. */
    private final TreeMap<String, String> rowFiles;
    private final List<String> ids;

    private ShardPairSource(DatasetSnapshot snapshot, String split, Configuration conf, int shuffleBuffer,
            TreeMap<String, String> rowFiles) {
        if (shuffleBuffer < 1) {
            throw new IllegalArgumentException("shuffle buffer must hold at least one pair, got " + shuffleBuffer);
        }
        this.snapshot = snapshot;
        this.split = split;
        this.conf = conf;
        this.shuffleBuffer = shuffleBuffer;
        this.rowFiles = rowFiles;
        this.ids = List.copyOf(rowFiles.keySet());
    }

    /** The accepted pairs of {@code split} in {@code snapshot}; fails when there are none. */
    public static ShardPairSource of(DatasetSnapshot snapshot, String split, Configuration conf, int shuffleBuffer)
            throws IOException {
        TreeMap<String, String> rowFiles = snapshot.rowFiles(split);
        if (rowFiles.isEmpty()) {
            throw new IOException("no accepted pairs in split '" + split + "' of " + snapshot.uri());
        }
        return new ShardPairSource(snapshot, split, conf, shuffleBuffer, rowFiles);
    }

    /** Keeps only the first {@code n} pairs in id order: for smoke tests and quick trials. */
    public ShardPairSource limit(int n) {
        TreeMap<String, String> kept = new TreeMap<>();
        for (var e : rowFiles.entrySet()) {
            if (kept.size() == n) {
                break;
            }
            kept.put(e.getKey(), e.getValue());
        }
        return new ShardPairSource(snapshot, split, conf, shuffleBuffer, kept);
    }

    @Override
    public String description() {
        return snapshot.layout().root() + " split " + split + " (table version " + snapshot.version() + ")";
    }

    @Override
    public List<String> ids() {
        return ids;
    }

    @Override
    public List<String> shards() {
        return List.copyOf(new TreeSet<>(rowFiles.values()));
    }

    @Override
    public String manifest() {
        return snapshot.uri();
    }

    @Override
    public Iterator<TrainingPair> iterator(Long shuffleSeed) {
        List<String> files = new ArrayList<>(new TreeSet<>(rowFiles.values()));
        Random rng = null;
        if (shuffleSeed != null) {
            rng = new Random(shuffleSeed);
            Collections.shuffle(files, rng);
        }
        return new Pairs(new ArrayDeque<>(files), rng);
    }

    private final class Pairs implements Iterator<TrainingPair> {
        private final Deque<String> files;
        private final Random rng;
        private final List<TrainingPair> buffer = new ArrayList<>();
        private ParquetRows rows;
        private String rowsFile;
        private int read;
        private TrainingPair pending;

        Pairs(Deque<String> files, Random rng) {
            this.files = files;
            this.rng = rng;
        }

        @Override
        public boolean hasNext() {
            if (pending == null) {
                pending = rng == null ? nextCurrentRow() : nextShuffled();
            }
            return pending != null;
        }

        @Override
        public TrainingPair next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            TrainingPair p = pending;
            pending = null;
            return p;
        }

        private TrainingPair nextShuffled() {
            while (buffer.size() < shuffleBuffer) {
                TrainingPair p = nextCurrentRow();
                if (p == null) {
                    break;
                }
                buffer.add(p);
            }
            if (buffer.isEmpty()) {
                return null;
            }
            int pick = rng.nextInt(buffer.size());
            TrainingPair p = buffer.get(pick);
            buffer.set(pick, buffer.get(buffer.size() - 1));
            buffer.remove(buffer.size() - 1);
            return p;
        }

        /** The next accepted row of this split, across its files; null at the end. */
        private TrainingPair nextCurrentRow() {
            try {
                while (true) {
                    if (rows == null) {
                        if (files.isEmpty()) {
                            checkComplete();
                            return null;
                        }
                        rowsFile = files.poll();
                        rows = ParquetRows.open(rowsFile, conf, "id", "image", "mask");
                    }
                    if (!rows.hasNext()) {
                        rows.close();
                        rows = null;
                        continue;
                    }
                    Group row = rows.next();
                    String id = ParquetRows.string(row, "id");
                    if (rowsFile.equals(rowFiles.get(id))) {
                        read++;
                        return new TrainingPair(id, ParquetRows.bytes(row, "image"), ParquetRows.bytes(row, "mask"));
                    }
                }
            } catch (IOException e) {
                throw PairSource.unchecked("reading shard " + rowsFile, e);
            }
        }

        private void checkComplete() {
            if (read != rowFiles.size()) {
                throw new IllegalStateException(snapshot.uri() + " has " + rowFiles.size()
                        + " accepted pairs of split " + split + ", its files gave " + read);
            }
        }
    }
}
