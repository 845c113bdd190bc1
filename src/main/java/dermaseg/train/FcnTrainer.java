package dermaseg.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnPreprocessor;
import dermaseg.fcn.LesionFcn;
import dermaseg.fcn.ModelCard;
import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.progress.ProgressMeter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Trains the lesion FCN end to end, pixels to pixels, on image/mask pairs: Adam with a cosine
 * learning-rate decay, BCE + Dice loss (optionally border-weighted, optionally with
 * deep-supervision heads that only training has), augmentation about the lesion centroid,
 * validation Jaccard after every epoch (FCN alone, threshold 0.5, at each mask's own resolution), early
 * stop on it, a stop at the first step whose loss is not finite, and the best epoch's parameters
 * saved with a {@link ModelCard}.
 *
 * <p>After every epoch a {@link TrainingCheckpoint} in the output folder holds what the next epoch
 * needs; {@link #resume} continues from it to the result an unbroken run would have had, so a
 * long training can span sessions and survive a kill.
 *
 * <p>Training runs on the CPU (or the first GPU if the engine has one); it is a single-process
 * job, not a Spark stage, because one small network on one machine trains faster than the
 * synchronisation of many would allow.
 */
public final class FcnTrainer {
    public static final String PARAMETERS_PREFIX = "lesion-fcn";
    /**
     * A progress line per quarter of an epoch (or per minute, if a quarter takes longer): an epoch
     * takes minutes, and its own line follows its last step.
     */
    private static final double STEP_REPORTS = 0.25;

    private final TrainConfig config;
    private final Consumer<String> log;

    public FcnTrainer(TrainConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** What a run produced. */
    public record Result(Path modelFolder, ModelCard card) {
    }

    /**
     * Trains on {@code train}, validates on {@code validation}, writes the best model and its card
     * into {@code outputFolder}. Refuses a folder that holds a checkpoint: that run is resumed
     * ({@link #resume}), not overwritten.
     */
    public Result train(PairSource train, PairSource validation, Path outputFolder) throws IOException {
        if (Files.exists(TrainingCheckpoint.fileIn(outputFolder))) {
            throw new IllegalArgumentException(outputFolder + " holds the checkpoint of a training run ("
                    + TrainingCheckpoint.FILE_NAME + "): resume it, or train into another folder");
        }
        TrainingCheckpoint start = new TrainingCheckpoint();
        start.settings = determiningSettings(train, validation);
        return run(train, validation, outputFolder, start, false);
    }

    /** Whether {@code folder} holds a training run's checkpoint, which {@link #resume} continues. */
    public static boolean hasCheckpoint(Path folder) {
        return Files.exists(TrainingCheckpoint.fileIn(folder));
    }

    /**
     * Continues the run whose checkpoint is in {@code folder}, with the same settings and data
     * (else refused, naming what differs; the time budget may differ), to the result the run
     * would have had unbroken. A run that had finished only has its card written again.
     */
    public Result resume(PairSource train, PairSource validation, Path folder) throws IOException {
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(folder);
        String mismatch = checkpoint.mismatch(determiningSettings(train, validation),
                TrainConfig.builder().build().determiningSettings());
        if (mismatch != null) {
            throw new IllegalArgumentException("cannot resume the training in " + folder
                    + ": its checkpoint was made with other settings or data (" + mismatch + ")");
        }
        if (checkpoint.bestEpoch > 0 && !Files.isRegularFile(folder.resolve(parametersFile(checkpoint.bestEpoch)))) {
            throw new IOException("cannot resume the training in " + folder + ": its best epoch's parameters, "
                    + parametersFile(checkpoint.bestEpoch) + ", are gone");
        }
        return run(train, validation, folder, checkpoint, true);
    }

    private Map<String, String> determiningSettings(PairSource train, PairSource validation) {
        Map<String, String> settings = new LinkedHashMap<>(config.determiningSettings());
        settings.put("train.idsSha256", train.idsSha256());
        settings.put("train.manifest", train.manifest());
        settings.put("validation.idsSha256", validation.idsSha256());
        settings.put("validation.manifest", validation.manifest());
        return settings;
    }

    /** Trains from {@code state} (a fresh one, or a checkpoint's) to the end of the run. */
    private Result run(PairSource train, PairSource validation, Path outputFolder, TrainingCheckpoint state,
            boolean resumed) throws IOException {
        DjlRuntime.ensureOffline();
        OpenCv.load();
        Files.createDirectories(outputFolder);
        long started = System.nanoTime();
        double earlierRuns = state.elapsedSeconds;
        String stopReason;
        int trainCount = train.ids().size();
        int stepsPerEpoch = stepsPerEpoch(trainCount);
        int size = config.fcn().workingSize();
        Augmenter augmenter = new Augmenter(config.augment(), size, config.colourConstancy());

        ModelCard card = newCard(train, validation);
        if (resumed) {
            card.created = state.created;
            card.version = state.modelVersion;
        } else {
            state.created = card.created;
            state.modelVersion = card.version;
            state.threads = card.training.threads;
        }
        // Seeds the weight initialisation; a resumed run loads the weights instead.
        Engine.getInstance().setRandomSeed((int) config.seed());
        Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        try (Model model = Model.newInstance(PARAMETERS_PREFIX, device, FcnModel.ENGINE)) {
            LesionFcn network = LesionFcn.of(config.fcn());
            Block trained = config.deepSupervisionWeight() > 0 ? new DeepSupervisedFcn(network) : network;
            model.setBlock(trained);
            if (resumed) {
                // Before the trainer exists: it initialises only parameters that have no value yet,
                // and from then on holds on to the arrays it found.
                loadParameters(trained, model.getNDManager(), state.parameters());
            }
            Tracker learningRate = Tracker.cosine()
                    .setBaseValue((float) config.learningRate())
                    .optFinalValue((float) config.finalLearningRate())
                    .setMaxUpdates(config.epochs() * stepsPerEpoch)
                    .build();
            Adam adam = Optimizer.adam().optLearningRateTracker(learningRate).build();
            AdamState adamState = AdamState.of(adam);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss())
                    .optOptimizer(adam)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(config.batchSize(), 3, size, size));
                if (resumed) {
                    adamState.restore(state.optimizer(), trained.getParameters(), model.getNDManager());
                }
                card.architecture = ModelCard.Architecture.of(config.fcn(), countParameters(network));
                log.accept(String.format(Locale.ROOT,
                        "training %s: %d pairs (%d steps/epoch), validating on %d pairs, %,d parameters, device %s",
                        config.fcn(), trainCount, stepsPerEpoch, validation.ids().size(),
                        card.architecture.parameterCount, device));
                if (resumed) {
                    log.accept(resumeLine(state, card.training.threads));
                }
                stopReason = runEpochs(trainer, model, network, adamState, train, validation, augmenter, state,
                        outputFolder, started);
            }
        }
        // Earlier runs count up to their last checkpoint, this one to its end.
        finishCard(card, state, stopReason, earlierRuns + seconds(started));
        card.write(outputFolder.resolve(ModelCard.FILE_NAME));
        log.accept(String.format(Locale.ROOT, "done: best epoch %d, validation Jaccard %.4f, %s, model in %s",
                card.training.bestEpoch, card.validation.getOrDefault("jaccard", Double.NaN),
                card.training.stopReason, outputFolder));
        return new Result(outputFolder, card);
    }

    private String resumeLine(TrainingCheckpoint state, int threads) {
        String line = String.format(Locale.ROOT, "resuming after epoch %d/%d: best %.4f@%d, %s trained so far",
                state.epochsRun, config.epochs(), state.bestJaccard, state.bestEpoch,
                formatDuration(state.elapsedSeconds));
        return state.threads == threads ? line
                : line + String.format(Locale.ROOT, " (on %d threads then, %d now: the sums may round differently)",
                        state.threads, threads);
    }

    /**
     * Runs the epochs after {@code state}'s last, checkpointing after each, until the planned
     * epochs are done, validation stops improving, the loss stops being finite or the time budget
     * (of this run) is spent.
     *
     * @return why training stopped, for the card
     */
    private String runEpochs(Trainer trainer, Model model, LesionFcn network, AdamState adamState, PairSource train,
            PairSource validation, Augmenter augmenter, TrainingCheckpoint state, Path outputFolder, long started)
            throws IOException {
        double earlierRuns = state.elapsedSeconds;
        for (int epoch = state.epochsRun + 1; epoch <= config.epochs(); epoch++) {
            if (patienceSpent(state) || state.divergence != null) {
                break;
            }
            // Whatever draws on the engine's generator during an epoch (dropout) draws what an
            // unbroken run would, whichever run the epoch is part of.
            Engine.getInstance().setRandomSeed(engineSeed(epoch));
            double epochStart = seconds(started);
            double meanLoss;
            try {
                meanLoss = trainOneEpoch(trainer, train, augmenter, epoch);
            } catch (Diverged e) {
                stopDiverged(state, e, outputFolder);
                break;
            }
            double jaccard = validate(trainer, validation);
            double thisRun = seconds(started);
            // The last epoch predicts the next: a slow spell earlier (another job on the machine)
            // must not end training while the machine is free again.
            state.lastEpochSeconds = thisRun - epochStart;
            state.elapsedSeconds = earlierRuns + thisRun;

            ModelCard.Epoch line = new ModelCard.Epoch();
            line.epoch = epoch;
            line.loss = meanLoss;
            line.validationJaccard = jaccard;
            line.learningRate = currentLearningRate(epoch, train.ids().size());
            line.elapsedSeconds = state.elapsedSeconds;
            state.history.add(line);
            state.epochsRun = epoch;

            boolean improved = jaccard > state.bestJaccard;
            if (improved) {
                state.bestJaccard = jaccard;
                state.bestEpoch = epoch;
                saveParameters(model, network, outputFolder, epoch);
            }
            state.setTensors(parameterBytes(model.getBlock()), adamState.save(model.getBlock().getParameters()));
            state.write(outputFolder);
            // Only once the checkpoint names the new best: a kill in between leaves both files.
            removeParametersBut(outputFolder, state.bestEpoch);
            log.accept(String.format(Locale.ROOT,
                    "epoch %3d/%d  loss %.4f  val-jaccard %.4f%s  best %.4f@%d  lr %.2e  elapsed %s",
                    epoch, config.epochs(), meanLoss, jaccard, improved ? " *" : "  ", state.bestJaccard,
                    state.bestEpoch, line.learningRate, formatDuration(state.elapsedSeconds)));
            if (!patienceSpent(state) && epoch < config.epochs()
                    && thisRun + state.lastEpochSeconds > config.maxMinutes() * 60) {
                return "time budget of " + config.maxMinutes() + " minutes";
            }
        }
        if (state.divergence != null) {
            return state.divergence;
        }
        return patienceSpent(state) ? "early stop: no validation improvement for " + config.patience() + " epochs"
                : "planned epochs done";
    }

    /**
     * Ends a run whose loss stopped being finite: its parameters are lost (a NaN spreads through
     * every weight in a step or two), so the checkpoint is written again with the last finished
     * epoch's tensors and the reason, and the card names the best epoch before it. With no
     * finished epoch there is nothing to keep, and the run fails saying so.
     */
    private void stopDiverged(TrainingCheckpoint state, Diverged diverged, Path outputFolder) throws IOException {
        if (state.epochsRun == 0) {
            throw new IllegalStateException(diverged.getMessage() + ", before any epoch finished: there is no model"
                    + " to keep; a lower learning rate may train");
        }
        state.divergence = diverged.getMessage() + "; the best epoch before it is kept (a lower learning rate may"
                + " train further)";
        state.write(outputFolder);
        log.accept(String.format(Locale.ROOT, "epoch %3d/%d  %s", diverged.epoch, config.epochs(), state.divergence));
    }

    /** A training step's loss was NaN or infinite. */
    private static final class Diverged extends RuntimeException {
        final int epoch;

        Diverged(int epoch, int step, int steps, float loss) {
            super(String.format(Locale.ROOT, "diverged: the loss was %s at step %d/%d of epoch %d", loss, step, steps,
                    epoch));
            this.epoch = epoch;
        }
    }

    private boolean patienceSpent(TrainingCheckpoint state) {
        return state.epochsRun - state.bestEpoch >= config.patience();
    }

    /** The engine's seed for an epoch: a mix of the run's seed and the epoch, like the augmenter's. */
    private int engineSeed(int epoch) {
        return new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + epoch).nextInt();
    }

    private void finishCard(ModelCard card, TrainingCheckpoint state, String stopReason, double seconds) {
        ModelCard.Training t = card.training;
        t.history = state.history;
        t.epochsRun = state.epochsRun;
        t.bestEpoch = state.bestEpoch;
        t.stopReason = stopReason;
        t.wallSeconds = seconds;
        card.parametersFile = parametersFile(state.bestEpoch);
        card.validation.put("jaccard", state.bestJaccard);
    }

    /** {@code lesion-fcn-0018.params} for epoch 18: DJL's naming, with the epoch the card names. */
    static String parametersFile(int epoch) {
        return String.format(Locale.ROOT, "%s-%04d.params", PARAMETERS_PREFIX, epoch);
    }

    /** The per-map loss, and around it the deep-supervision sum when the run has heads. */
    private Loss loss() {
        BceDiceLoss perMap = new BceDiceLoss((float) config.diceWeight(), (float) config.borderWeight(),
                config.borderRadius());
        return config.deepSupervisionWeight() > 0
                ? new DeepSupervisionLoss(perMap, (float) config.deepSupervisionWeight()) : perMap;
    }

    /**
     * Saves the network's parameters as the given epoch's. (Left to itself, DJL numbers each save
     * one past the newest file in the folder, whatever the epoch.) The model's block may be the
     * network inside training-only heads; the file holds the network alone, what inference loads,
     * so the model lends its header to the network for the save.
     */
    private static void saveParameters(Model model, LesionFcn network, Path folder, int epoch) throws IOException {
        Block trained = model.getBlock();
        model.setProperty("Epoch", Integer.toString(epoch));
        model.setBlock(network);
        try {
            model.save(folder, PARAMETERS_PREFIX);
        } finally {
            model.setBlock(trained);
        }
    }

    /** Removes every parameters file but the given epoch's, so the folder holds exactly the file the card names. */
    private static void removeParametersBut(Path folder, int epoch) throws IOException {
        String keep = parametersFile(epoch);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, PARAMETERS_PREFIX + "-*.params")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(keep)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static byte[] parameterBytes(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    private static void loadParameters(Block block, NDManager manager, byte[] saved) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("the checkpoint's parameters do not fit this network: " + e.getMessage(), e);
        }
    }

    private double trainOneEpoch(Trainer trainer, PairSource train, Augmenter augmenter, int epoch)
            throws IOException {
        int size = config.fcn().workingSize();
        int batchSize = config.batchSize();
        float[] inputs = new float[batchSize * 3 * size * size];
        float[] targets = new float[batchSize * size * size];
        double lossSum = 0;
        int batches = 0;
        int filled = 0;
        int steps = stepsPerEpoch(train.ids().size());
        ProgressMeter progress = ProgressMeter.of(String.format(Locale.ROOT, "epoch %3d/%d", epoch, config.epochs()),
                "steps", steps, STEP_REPORTS);
        Iterator<TrainingPair> pairs = train.iterator(config.seed() * 31 + epoch);
        while (pairs.hasNext() || filled > 0) {
            if (pairs.hasNext()) {
                TrainingPair pair = pairs.next();
                Augmenter.Sample sample = augment(augmenter, pair, epoch);
                System.arraycopy(sample.input(), 0, inputs, filled * sample.input().length, sample.input().length);
                System.arraycopy(sample.target(), 0, targets, filled * sample.target().length, sample.target().length);
                filled++;
                if (filled < batchSize && pairs.hasNext()) {
                    continue;
                }
            }
            float loss = step(trainer, inputs, targets, filled, size);
            batches++;
            if (!Float.isFinite(loss)) {
                throw new Diverged(epoch, batches, steps, loss);
            }
            lossSum += loss;
            filled = 0;
            if (batches < steps) {
                progress.update(batches).ifPresent(log);
            }
        }
        return lossSum / Math.max(batches, 1);
    }

    private Augmenter.Sample augment(Augmenter augmenter, TrainingPair pair, int epoch) {
        Random rng = Augmenter.randomFor(config.seed(), epoch, pair.id());
        try (MatHandle image = decode(pair.image(), Imgcodecs.IMREAD_COLOR, pair.id());
                MatHandle mask = decode(pair.mask(), Imgcodecs.IMREAD_GRAYSCALE, pair.id())) {
            return augmenter.sample(image.mat(), mask.mat(), rng);
        }
    }

    private static float step(Trainer trainer, float[] inputs, float[] targets, int n, int size) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(slice(inputs, n * 3 * size * size), new Shape(n, 3, size, size));
            NDArray y = batch.create(slice(targets, n * size * size), new Shape(n, 1, size, size));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                // The logits, then any deep-supervision heads' maps.
                NDList predictions = trainer.forward(new NDList(x));
                NDArray value = trainer.getLoss().evaluate(new NDList(y), predictions);
                collector.backward(value);
                loss = value.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /** Mean per-image Jaccard of the FCN alone (threshold 0.5) at each mask's resolution. */
    private double validate(Trainer trainer, PairSource validation) throws IOException {
        int size = config.fcn().workingSize();
        double sum = 0;
        int count = 0;
        Iterator<TrainingPair> pairs = validation.iterator(null);
        while (pairs.hasNext()) {
            TrainingPair pair = pairs.next();
            float[] input;
            BinaryMask truth;
            try (MatHandle image = decode(pair.image(), Imgcodecs.IMREAD_COLOR, pair.id());
                    MatHandle mask = decode(pair.mask(), Imgcodecs.IMREAD_GRAYSCALE, pair.id())) {
                config.colourConstancy().apply(image.mat());
                input = FcnPreprocessor.toInput(image.mat(), size);
                truth = BinaryMask.fromMat(mask.mat());
            }
            float[] probabilities;
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray x = manager.create(input, new Shape(1, 3, size, size));
                NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                probabilities = logits.getNDArrayInternal().sigmoid().toFloatArray();
            }
            FloatMap map = new FloatMap(size, size, probabilities).resize(truth.width(), truth.height());
            sum += jaccard(BinaryMask.threshold(map, 0.5f), truth);
            count++;
        }
        return sum / Math.max(count, 1);
    }

    private static double jaccard(BinaryMask predicted, BinaryMask truth) {
        byte[] p = predicted.pixels();
        byte[] t = truth.pixels();
        long intersection = 0;
        long union = 0;
        for (int i = 0; i < p.length; i++) {
            boolean a = p[i] != 0;
            boolean b = t[i] != 0;
            if (a && b) {
                intersection++;
            }
            if (a || b) {
                union++;
            }
        }
        return union == 0 ? 1.0 : (double) intersection / union;
    }

    private static MatHandle decode(byte[] bytes, int flags, String id) {
        try (MatHandle buffer = MatHandle.of(new MatOfByte(bytes))) {
            MatHandle decoded = MatHandle.of(Imgcodecs.imdecode(buffer.mat(), flags));
            if (decoded.mat().empty()) {
                decoded.close();
                throw new IllegalArgumentException("cannot decode " + id);
            }
            return decoded;
        }
    }

    private int stepsPerEpoch(int trainCount) {
        return (trainCount + config.batchSize() - 1) / config.batchSize();
    }

    private double currentLearningRate(int epoch, int trainCount) {
        int stepsPerEpoch = stepsPerEpoch(trainCount);
        double progress = Math.min(1.0, (double) epoch * stepsPerEpoch / (config.epochs() * stepsPerEpoch));
        return config.finalLearningRate() + (config.learningRate() - config.finalLearningRate())
                * (1 + Math.cos(Math.PI * progress)) / 2;
    }

    private ModelCard newCard(PairSource train, PairSource validation) {
        ModelCard card = new ModelCard();
        card.colourConstancy = config.colourConstancy().isNone() ? null : config.colourConstancy().toString();
        Instant now = Instant.now();
        card.created = now.toString();
        card.version = PARAMETERS_PREFIX + "-" + now.toString().replaceAll("[^0-9]", "").substring(0, 12)
                + "-" + train.idsSha256().substring(0, 8);
        ModelCard.Training t = card.training;
        t.trainSource = train.description();
        t.validationSource = validation.description();
        t.trainPairs = train.ids().size();
        t.validationPairs = validation.ids().size();
        t.trainIdsSha256 = train.idsSha256();
        t.validationIdsSha256 = validation.idsSha256();
        t.shards = Stream.concat(train.shards().stream(), validation.shards().stream()).distinct().sorted().toList();
        List<String> manifests = Stream.of(train.manifest(), validation.manifest()).filter(Objects::nonNull)
                .distinct().toList();
        t.manifest = manifests.isEmpty() ? null : String.join(", ", manifests);
        t.epochsPlanned = config.epochs();
        t.batchSize = config.batchSize();
        t.learningRate = config.learningRate();
        t.finalLearningRate = config.finalLearningRate();
        t.diceWeight = config.diceWeight();
        if (config.borderWeight() > 0) {
            t.borderWeight = config.borderWeight();
            t.borderRadius = config.borderRadius();
        }
        t.deepSupervisionWeight = config.deepSupervisionWeight();
        t.seed = config.seed();
        t.threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        AugmentConfig a = config.augment();
        t.augmentation.putAll(a.asMap());
        ModelCard.Environment env = card.environment;
        env.djl = Engine.getDjlVersion();
        env.pytorch = Engine.getInstance().getVersion();
        env.java = System.getProperty("java.version");
        env.os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        env.commit = gitCommit();
        return card;
    }

    private static long countParameters(Block network) {
        long n = 0;
        for (Parameter p : network.getParameters().values()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    /** The system property the launchers set to the project root (scripts/lib.sh). */
    static final String HOME_PROPERTY = "dermaseg.home";

    private static String gitCommit() {
        return gitCommit(System.getProperty(HOME_PROPERTY));
    }

    /**
     * The commit of the project checkout at {@code home}, not of whatever folder the JVM was started
     * in: {@code git -C home rev-parse --short=12 HEAD}, with {@code -dirty} appended when
     * {@code git status --porcelain} lists anything. "unknown" when {@code home} is unset or git
     * fails (no git, not a checkout).
     */
    static String gitCommit(String home) {
        if (home == null || home.isBlank()) {
            return "unknown";
        }
        String head = git(home, "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String status = git(home, "status", "--porcelain");
        if (status == null) {
            return "unknown";
        }
        return status.isEmpty() ? head : head + "-dirty";
    }

    /** Runs {@code git -C home args…}: its trimmed standard output, or null if it failed. */
    private static String git(String home, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", home));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static float[] slice(float[] data, int length) {
        return length == data.length ? data : Arrays.copyOf(data, length);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
