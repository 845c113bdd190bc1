package dermaseg.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dermaseg.fcn.ModelCard;
import dermaseg.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a training run needs to continue where it stopped, written into its output folder
 * after every epoch as one file, {@value #FILE_NAME}:
 *
 * <pre>
 * "DSEGCKPT"  format (int)
 * length (int) + state: JSON, the fields of this class (epoch, early-stopping state, history, ...)
 * length (int) + parameters: DJL's Block.saveParameters (running batch-norm statistics included)
 * length (int) + optimizer: see {@link AdamState#save}
 * SHA-256 of all the above (32 bytes)
 * </pre>
 *
 * <p>No random generator's state is stored because none needs to be: the trainer draws every
 * random number of an epoch from generators seeded by (seed, epoch), and (seed, epoch, pair id)
 * for augmentation, so the epoch number is the whole of it. The weight initialisation's draws
 * do not matter on resume (the parameters are loaded), and the engine is reseeded from (seed,
 * epoch) before each epoch for any random layer a network may have (dropout).
 *
 * <p>The file is written beside itself and renamed over the previous one in one atomic step: a
 * kill mid-write leaves the previous checkpoint whole, and the checksum refuses a file damaged
 * some other way (a truncated copy).
 */
final class TrainingCheckpoint {
    static final String FILE_NAME = "training-checkpoint.bin";
    private static final byte[] MAGIC = "DSEGCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * What decides the result, settings and data alike ({@link TrainConfig#determiningSettings} plus the
     * data's ids): a checkpoint continues only a run with the same.
     */
    Map<String, String> settings = new LinkedHashMap<>();
    /** The model card's identity, kept so that the resumed run's card is the unbroken run's. */
    String modelVersion;
    String created;
    /** Epochs done; the next run starts at the one after. */
    int epochsRun;
    int bestEpoch;
    double bestJaccard = -1;
    /** Training time of all earlier runs together, and of the last epoch (the time budget's forecast). */
    double elapsedSeconds;
    double lastEpochSeconds;
    /**
     * Why the run stopped at a non-finite loss, or null: a run that diverged stays stopped on
     * resume, as it did unbroken, whatever another thread count would round differently.
     */
    String divergence;
    /** PyTorch's intra-op threads of the first run: another count may change the last bits of sums. */
    int threads;
    List<ModelCard.Epoch> history = new ArrayList<>();

    private transient byte[] parameters;
    private transient byte[] optimizer;

    byte[] parameters() {
        return parameters;
    }

    byte[] optimizer() {
        return optimizer;
    }

    /** The network's parameters and the optimizer's state as of {@link #epochsRun}. */
    void setTensors(byte[] parameters, byte[] optimizer) {
        this.parameters = parameters;
        this.optimizer = optimizer;
    }

    static Path fileIn(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    /** Writes the checkpoint into {@code folder}, replacing the previous one atomically. */
    void write(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            writeSection(out, GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
            writeSection(out, Objects.requireNonNull(parameters, "parameters"));
            writeSection(out, Objects.requireNonNull(optimizer, "optimizer"));
            out.write(sha256(bytes.toByteArray(), bytes.size()));
        }
        Path target = fileIn(folder);
        Path temporary = folder.resolve(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            // On disk before the rename, so that even a power cut cannot leave a renamed, empty file.
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads the checkpoint in {@code folder}: an {@link IllegalArgumentException} if there is none,
     * an {@link IOException} naming what is wrong with one that cannot be used.
     */
    static TrainingCheckpoint read(Path folder) throws IOException {
        Path file = fileIn(folder);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no training checkpoint in " + folder + " (" + FILE_NAME + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        int bodyLength = in.limit() - 32;
        byte[] magic = new byte[MAGIC.length];
        if (bodyLength < MAGIC.length + 4 || !Arrays.equals(get(in, magic), MAGIC)) {
            throw new IOException(file + " is not a training checkpoint");
        }
        byte[] expected = Arrays.copyOfRange(in.array(), bodyLength, in.limit());
        if (!Arrays.equals(sha256(in.array(), bodyLength), expected)) {
            throw new IOException(file + " is damaged (its checksum does not match)");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new IOException(file + " is a checkpoint of format " + format + "; this version reads " + FORMAT);
        }
        TrainingCheckpoint checkpoint = GSON.fromJson(new String(section(in), StandardCharsets.UTF_8),
                TrainingCheckpoint.class);
        checkpoint.setTensors(section(in), section(in));
        return checkpoint;
    }

    /**
     * Why this checkpoint cannot continue a run with {@code current} settings and data, or null if
     * it can: each difference as {@code name: checkpoint value, now value}. A setting the
     * checkpoint lacks counts as its value in {@code defaults}: it was added to the trainer after
     * the checkpoint was written, and the run that wrote it trained as that default does.
     */
    String mismatch(Map<String, String> current, Map<String, String> defaults) {
        List<String> differences = new ArrayList<>();
        for (String key : union(settings.keySet(), current.keySet())) {
            String then = settings.containsKey(key) ? settings.get(key) : defaults.get(key);
            String now = current.get(key);
            if (!Objects.equals(then, now)) {
                differences.add(key + ": " + then + " in the checkpoint, " + now + " now");
            }
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> keys = new ArrayList<>(a);
        for (String k : b) {
            if (!a.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static void writeSection(DataOutputStream out, byte[] section) throws IOException {
        out.writeInt(section.length);
        out.write(section);
    }

    private static byte[] section(ByteBuffer in) throws IOException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("checkpoint section of " + length + " bytes runs past the file");
        }
        return get(in, new byte[length]);
    }

    private static byte[] get(ByteBuffer in, byte[] into) {
        in.get(into);
        return into;
    }

    private static byte[] sha256(byte[] data, int length) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(data, 0, length);
        return digest.digest();
    }
}
