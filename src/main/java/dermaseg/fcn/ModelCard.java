package dermaseg.fcn;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a saved model is and how it came to be: the network's shape (enough to rebuild it), the
 * data it saw, how long it trained, what it scored on validation data, and the pipeline settings
 * (fusion weight, seeds) chosen on validation data for it. Written as {@code model-card.json}
 * beside the parameters.
 *
 * <p>A plain data carrier with public fields: it exists to be serialised by Gson, and a builder
 * would only repeat the JSON.
 */
public final class ModelCard {
    public static final String FILE_NAME = "model-card.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public String name = "lesion-fcn";
    /** Unique per trained model; every output row records it. */
    public String version;
    public String created;
    /** File name of the parameters beside the card. */
    public String parametersFile;
    public Architecture architecture = new Architecture();
    public String preprocessing = "resize to working square (area when shrinking), RGB, "
            + "per-image per-channel standardisation";
    public Training training = new Training();
    /** FCN-alone scores on the validation data at the end of training. */
    public Map<String, Double> validation = new LinkedHashMap<>();
    /**
     * What every image goes through before the network, in training and inference alike:
     * {@code none} or {@code shades-of-gray:P} ({@link dermaseg.image.ColourConstancy}); null in
     * cards written before the step existed, which means none.
     */
    public String colourConstancy;
    /** Pipeline settings chosen for this model on validation data (see the tune command). */
    public Pipeline pipeline = new Pipeline();
    /** The per-image uncertainty score fitted for this model; null until {@code fit-uncertainty} has run. */
    public Uncertainty uncertainty;
    /** Why this model was shipped over the one before it; null for a model that replaced none. */
    public Selection selection;
    public Environment environment = new Environment();
    public String dataAttribution;

    /**
     * The network's shape; {@link #toConfig()} rebuilds it. Cards written before the block kind,
     * widths, expansion and attention existed lack them: the initial values below are what those
     * models were, so the no-argument constructor Gson calls fills them in.
     */
    public static final class Architecture {
        public int workingSize;
        public String blockKind = BlockKind.DOUBLE_CONV.cardName();
        public int baseChannels;
        /** Channels per encoder stage; empty: {@code baseChannels} doubled per stage, at most 8×. */
        public List<Integer> widths = new ArrayList<>();
        public int depth;
        public boolean dilatedBottleneck;
        public int expansion = 4;
        public boolean attention;
        /** Deepest stages built from Hadamard attention units; 0 (none) in cards older than them. */
        public int hadamardStages;
        public long parameterCount;
        /** What one image costs at the working size; absent from cards older than the count. */
        public Flops flops;

        public FcnConfig toConfig() {
            return FcnConfig.builder()
                    .workingSize(workingSize)
                    .blockKind(BlockKind.fromCardName(blockKind))
                    .baseChannels(baseChannels)
                    .widths(widths)
                    .depth(depth)
                    .dilatedBottleneck(dilatedBottleneck)
                    .expansion(expansion)
                    .attention(attention)
                    .hadamardStages(hadamardStages)
                    .build();
        }

        public static Architecture of(FcnConfig c, long parameterCount) {
            Architecture a = new Architecture();
            a.workingSize = c.workingSize();
            a.blockKind = c.blockKind().cardName();
            a.baseChannels = c.baseChannels();
            a.widths = new ArrayList<>(c.widths());
            a.depth = c.depth();
            a.dilatedBottleneck = c.dilatedBottleneck();
            a.expansion = c.expansion();
            a.attention = c.attention();
            a.hadamardStages = c.hadamardStages();
            a.parameterCount = parameterCount;
            a.flops = Flops.of(FcnCost.of(c));
            return a;
        }
    }

    /** The network's arithmetic per image, with the convention spelled out beside the figure. */
    public static final class Flops {
        public static final String CONVENTION =
                "GFLOP = 1e9 multiply-accumulates of the convolutions, one image at the working size";

        public double gflop;
        public long multiplyAccumulates;
        public String convention = CONVENTION;

        public static Flops of(FcnCost cost) {
            Flops f = new Flops();
            f.gflop = cost.gflop();
            f.multiplyAccumulates = cost.multiplyAccumulates();
            return f;
        }
    }

    /** How the model was trained. */
    public static final class Training {
        public String trainSource;
        public String validationSource;
        public int trainPairs;
        public int validationPairs;
        public String trainIdsSha256;
        public String validationIdsSha256;
        /**
         * When trained from a prepared dataset: the Parquet files the pairs came from, and the
         * version of its pairs table ({@code <root>/pairs@v<N>}; {@code train --snapshot N}).
         */
        public List<String> shards = new ArrayList<>();
        public String manifest;
        public int epochsPlanned;
        public int epochsRun;
        public int bestEpoch;
        public int batchSize;
        public double learningRate;
        public double finalLearningRate;
        public double diceWeight;
        /** Extra cross-entropy weight of the target's border band, and the band's half-width in pixels (0: none). */
        public double borderWeight;
        public int borderRadius;
        /** Weight of the training-only deep-supervision heads' loss (0: none). */
        public double deepSupervisionWeight;
        public long seed;
        public Map<String, Double> augmentation = new LinkedHashMap<>();
        public String stopReason;
        public double wallSeconds;
        public int threads;
        public List<Epoch> history = new ArrayList<>();
    }

    /** One line of the training log. */
    public static final class Epoch {
        public int epoch;
        public double loss;
        public double validationJaccard;
        public double learningRate;
        public double elapsedSeconds;
    }

    /** Stage settings chosen on validation data for this model. */
    public static final class Pipeline {
        /** Weight of the FCN map in the fused map {@code S = w·P_g + (1−w)·P_l}; null means the code's default. */
        public Double fusionWeight;
        /** Superpixel-stage settings chosen with the weight; null means the code's defaults. */
        public Refine refine;
        /** Test-time views of the FCN averaged per image (1, 2, 4 or 8); null means 1, none. */
        public Integer testTimeViews;
        public String chosenOn;
        /** What was tried and how it scored, best first. */
        public List<String> sweep = new ArrayList<>();
    }

    /** Superpixel-stage settings; null fields keep the code's defaults. */
    public static final class Refine {
        public Integer superpixels;
        public Double compactness;
        public Double marginFraction;
        public Double lesionSeedThreshold;
        public Double skinSeedThreshold;
        public Double sigmaScale;
        public Double alpha;
        public Boolean twoHop;
        public String seedRule;
    }

    /**
     * The uncertainty model ({@code dermaseg.uncertainty.UncertaintyModel}) fitted on validation
     * data, and how well it ranked there.
     */
    public static final class Uncertainty {
        /** Feature names, in weight order. */
        public List<String> features = new ArrayList<>();
        public double intercept;
        public List<Double> weights = new ArrayList<>();
        public List<Double> means = new ArrayList<>();
        public List<Double> scales = new ArrayList<>();
        public String fittedOn;
        /**
         * Spearman's ρ with 1 − Jaccard and the mean Jaccard of the most uncertain tenth against
         * the rest: cross-validated, for the baseline 1 − mean_fcn_probability, and in-sample.
         */
        public Map<String, Double> validation = new LinkedHashMap<>();
    }

    /**
     * The side-by-side comparison that chose this model over the one it replaced: the same
     * commands on the same data, run back to back. Written when a model is shipped, from the
     * printed figures of those commands.
     */
    public static final class Selection {
        /** The model replaced, as {@code --model} names it, and its card version. */
        public String replaced;
        public String replacedVersion;
        /** The rule a candidate had to meet. */
        public String rule;
        /** The commands whose figures these are. */
        public List<String> commands = new ArrayList<>();
        /** Figures of this model and of the one replaced, under the same keys. */
        public Map<String, Double> thisModel = new LinkedHashMap<>();
        public Map<String, Double> replacedModel = new LinkedHashMap<>();
        /**
         * The cross-device table ({@code cross-validate --by device}) this model's recipe was judged
         * by, every candidate's rows and stress drops, with the command that made it; null in cards
         * written before models were chosen so.
         */
        public CrossDevice crossDevice;
    }

    /** A {@code cross-validate} run's figures as the card keeps them. */
    public static final class CrossDevice {
        public String command;
        /** The candidate (as the table names it) whose recipe made this model. */
        public String candidate;
        public List<Map<String, Object>> rows = new ArrayList<>();
        public List<Map<String, Object>> stress = new ArrayList<>();
    }

    /** Software the model was trained with. */
    public static final class Environment {
        public String djl;
        public String pytorch;
        public String java;
        public String os;
        public String commit;
    }

    public static ModelCard read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    public static ModelCard read(Reader reader) {
        ModelCard card = GSON.fromJson(reader, ModelCard.class);
        if (card == null || card.architecture == null || card.architecture.workingSize == 0) {
            throw new IllegalArgumentException("not a model card: no architecture");
        }
        return card;
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson() + "\n", StandardCharsets.UTF_8);
    }

    public String toJson() {
        return GSON.toJson(this);
    }
}
