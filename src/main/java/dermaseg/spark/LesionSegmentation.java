package dermaseg.spark;

import dermaseg.descriptors.DescriptorConfig;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.image.ImageLimits;
import dermaseg.io.HadoopConf;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.refine.RefineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Lesion segmentation as a Spark ML {@link Transformer}: any DataFrame with images in, the same
 * rows with their lesion masks, measurements and (given ground truth) scores appended.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").load("s3a://corpus/images/");
 * Dataset<Row> masks = new LesionSegmentation().transform(images);   // + image_id, mask_png, ...
 * }</pre>
 *
 * <p>Input: a binary column of encoded image bytes ({@link #inputCol()}, default {@code content},
 * as the {@code binaryFile} source gives it), or a column of paths ({@link #pathCol()}) whose
 * files are read on the executor that segments them, so that a job which repartitions paths
 * moves no image across the network. Ids come from {@link #idCol()}, or from the path
 * ({@code pathCol}, else {@code binaryFile}'s {@code path} column) as the file name without its
 * extension, and are appended as {@code image_id} unless the input has a column of that name.
 * Ground truth, optional: mask bytes ({@link #maskCol()}) or mask paths ({@link #maskPathCol()}).
 *
 * <p>Output: every input column, then {@link Schemas#SEGMENTATION}, then with ground truth
 * {@link Schemas#SCORING} ({@code ground_truth_status} and a {@code metrics} array of per-stage
 * scores), then with {@link #figureMaxSide()} a {@code figure_png}. One output row per input
 * row: an image that cannot be read, decoded or segmented is a row with {@code status = 'error'}
 * and a reason code, never a failed job or a missing row. A store that does not answer is not an
 * input's fault: it fails the task, and Spark retries it.
 *
 * <p>How it runs: three {@code mapPartitions} stages in one task per partition (read, decode and
 * the FCN in batches; superpixel fine-tuning; fusion, scoring and encoding), chained as
 * iterators, so a partition is never held in memory and nothing is serialised between stages.
 * The FCN is loaded once per executor JVM and shared by its tasks; each partition opens its own
 * predictor and closes it when the partition ends, on the GPU Spark assigned to the task if any.
 * The model card is read once, on the driver, and its stage settings are applied under the ones
 * set here, so every executor makes the same masks. The input's partitioning is kept: repartition
 * first to spread the work.
 *
 * <p>Saved and loaded with the other stages of a Spark ML pipeline ({@link #write()},
 * {@link #load}); the model is saved by reference ({@link #model()}), not copied.
 */
public final class LesionSegmentation extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** The column the Transformer appends ids in, and the id column it recognises in its input. */
    public static final String IMAGE_ID = "image_id";

    private final String uid;

    private final Param<String> inputCol;
    private final Param<String> pathCol;
    private final Param<String> idCol;
    private final Param<String> maskCol;
    private final Param<String> maskPathCol;
    private final Param<String> model;
    private final IntParam batchSize;
    private final IntParam analysisMaxSide;
    private final LongParam maxPixels;
    private final LongParam maxBytes;
    private final DoubleParam fusionWeight;
    private final IntParam testTimeViews;
    private final IntParam superpixels;
    private final DoubleParam sigmaScale;
    private final DoubleParam lesionSeedThreshold;
    private final DoubleParam skinSeedThreshold;
    private final IntParam figureMaxSide;
    private final DoubleParam pixelSpacingMm;

    public LesionSegmentation() {
        this(Identifiable$.MODULE$.randomUID("lesionSegmentation"));
    }

    /** With a given uid: how {@link #load} and {@link #copy} recreate it. */
    public LesionSegmentation(String uid) {
        // The uid first: every Param names its parent by it when it is made.
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol",
                "binary column of encoded image bytes (JPEG, PNG, BMP, TIFF); used when pathCol is not set");
        pathCol = new Param<>(this, "pathCol",
                "string column of image paths or URIs, read on the executor; takes precedence over inputCol");
        idCol = new Param<>(this, "idCol",
                "string column of image ids; unset: the file name without extension, from pathCol or 'path'");
        maskCol = new Param<>(this, "maskCol",
                "binary column of ground-truth mask bytes, for scoring; unset: no scores");
        maskPathCol = new Param<>(this, "maskPathCol",
                "string column of ground-truth mask paths, read on the executor; an alternative to maskCol");
        model = new Param<>(this, "model",
                "'bundled' (the shipped model), 'bundled:NAME' (a bundled model by name: "
                        + ModelLocation.BUNDLED_NAMES_TEXT + "), or a model folder (local or s3a://) with model-card.json");
        batchSize = new IntParam(this, "batchSize", "images per FCN forward pass", ParamValidators.gtEq(1));
        analysisMaxSide = new IntParam(this, "analysisMaxSide",
                "longer side of the image the superpixel stage works on; masks are always full size",
                ParamValidators.gtEq(64));
        maxPixels = new LongParam(this, "maxPixels",
                "images declaring more pixels are refused as too_large, before decoding", ParamValidators.gtEq(1));
        maxBytes = new LongParam(this, "maxBytes",
                "inputs of more bytes are refused as too_large, before reading", ParamValidators.gtEq(1));
        fusionWeight = new DoubleParam(this, "fusionWeight",
                "weight w of the FCN map in S = w*P_g + (1-w)*P_l; unset: the model card's",
                ParamValidators.inRange(0, 1));
        testTimeViews = new IntParam(this, "testTimeViews",
                "FCN views averaged per image: 1 (none), 2 (and its mirror), 4 (all flips) or 8 (and the 90-degree "
                        + "rotations), in one batch; unset: the model card's",
                ParamValidators.inArray(new int[] {1, 2, 4, 8}));
        superpixels = new IntParam(this, "superpixels",
                "superpixels per region of interest; unset: the model card's", ParamValidators.gtEq(2));
        sigmaScale = new DoubleParam(this, "sigmaScale",
                "colour-affinity bandwidth scale; unset: the model card's", ParamValidators.gt(0));
        lesionSeedThreshold = new DoubleParam(this, "lesionSeedThreshold",
                "mean FCN probability from which a superpixel is a lesion seed; unset: the model card's",
                ParamValidators.inRange(0, 1));
        skinSeedThreshold = new DoubleParam(this, "skinSeedThreshold",
                "mean FCN probability up to which a superpixel is a skin seed; unset: the model card's",
                ParamValidators.inRange(0, 1));
        figureMaxSide = new IntParam(this, "figureMaxSide",
                "when positive, append figure_png: the paper's panels, longer side of each at most this; 0: none",
                ParamValidators.gtEq(0));
        pixelSpacingMm = new DoubleParam(this, "pixelSpacingMm",
                "millimetres per pixel of the input images, for diameter_mm; unset: diameter_mm is null",
                ParamValidators.gt(0));
        SegmenterConfig defaults = SegmenterConfig.defaults();
        setDefault(inputCol, "content");
        setDefault(model, "bundled");
        setDefault(batchSize, defaults.batchSize());
        setDefault(analysisMaxSide, defaults.analysisMaxSide());
        setDefault(maxPixels, defaults.limits().maxPixels());
        setDefault(maxBytes, defaults.limits().maxBytes());
        setDefault(figureMaxSide, 0);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> pathCol() {
        return pathCol;
    }

    public Param<String> idCol() {
        return idCol;
    }

    public Param<String> maskCol() {
        return maskCol;
    }

    public Param<String> maskPathCol() {
        return maskPathCol;
    }

    public Param<String> model() {
        return model;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam analysisMaxSide() {
        return analysisMaxSide;
    }

    public LongParam maxPixels() {
        return maxPixels;
    }

    public LongParam maxBytes() {
        return maxBytes;
    }

    public DoubleParam fusionWeight() {
        return fusionWeight;
    }

    public IntParam testTimeViews() {
        return testTimeViews;
    }

    public IntParam superpixels() {
        return superpixels;
    }

    public DoubleParam sigmaScale() {
        return sigmaScale;
    }

    public DoubleParam lesionSeedThreshold() {
        return lesionSeedThreshold;
    }

    public DoubleParam skinSeedThreshold() {
        return skinSeedThreshold;
    }

    public IntParam figureMaxSide() {
        return figureMaxSide;
    }

    public DoubleParam pixelSpacingMm() {
        return pixelSpacingMm;
    }

    public LesionSegmentation setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public LesionSegmentation setPathCol(String value) {
        set(pathCol, value);
        return this;
    }

    public LesionSegmentation setIdCol(String value) {
        set(idCol, value);
        return this;
    }

    public LesionSegmentation setMaskCol(String value) {
        set(maskCol, value);
        return this;
    }

    public LesionSegmentation setMaskPathCol(String value) {
        set(maskPathCol, value);
        return this;
    }

    public LesionSegmentation setModel(String value) {
        set(model, value);
        return this;
    }

    public LesionSegmentation setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public LesionSegmentation setAnalysisMaxSide(int value) {
        set(analysisMaxSide, value);
        return this;
    }

    public LesionSegmentation setMaxPixels(long value) {
        set(maxPixels, value);
        return this;
    }

    public LesionSegmentation setMaxBytes(long value) {
        set(maxBytes, value);
        return this;
    }

    public LesionSegmentation setFusionWeight(double value) {
        set(fusionWeight, value);
        return this;
    }

    public LesionSegmentation setTestTimeViews(int value) {
        set(testTimeViews, value);
        return this;
    }

    public LesionSegmentation setSuperpixels(int value) {
        set(superpixels, value);
        return this;
    }

    public LesionSegmentation setSigmaScale(double value) {
        set(sigmaScale, value);
        return this;
    }

    public LesionSegmentation setLesionSeedThreshold(double value) {
        set(lesionSeedThreshold, value);
        return this;
    }

    public LesionSegmentation setSkinSeedThreshold(double value) {
        set(skinSeedThreshold, value);
        return this;
    }

    public LesionSegmentation setFigureMaxSide(int value) {
        set(figureMaxSide, value);
        return this;
    }

    public LesionSegmentation setPixelSpacingMm(double value) {
        set(pixelSpacingMm, value);
        return this;
    }

    /**
     * The settings this Transformer segments with: the model's card read (from {@link #model()},
     * through {@code hadoop} for a remote folder) and its stage settings applied under the ones
     * set here. What an incremental job keys its rows by.
     */
    public ResolvedSettings resolveSettings(Configuration hadoop) {
        String spec = getOrDefault(model);
        ModelCard card;
        try {
            card = ExecutorModels.resolve(spec, hadoop).readCard();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model card of " + spec + ": " + e.getMessage(), e);
        }
        SegmenterConfig.Builder b = SegmenterConfig.builder()
                .limits(ImageLimits.builder().maxPixels(value(maxPixels)).maxBytes(value(maxBytes)).build())
                .analysisMaxSide(value(analysisMaxSide))
                .batchSize(value(batchSize));
        if (isSet(fusionWeight)) {
            b.fusion(FusionConfig.builder().globalWeight(value(fusionWeight)).build());
        }
        if (isSet(pixelSpacingMm)) {
            b.descriptors(DescriptorConfig.builder().pixelSpacingMm(value(pixelSpacingMm)).build());
        }
        SegmenterConfig base = b.build();
        RefineConfig.Builder refine = CardSettings.refine(base, card).toBuilder();
        if (isSet(superpixels)) {
            refine.superpixels(value(superpixels));
        }
        if (isSet(sigmaScale)) {
            refine.sigmaScale(value(sigmaScale));
        }
        if (isSet(lesionSeedThreshold)) {
            refine.lesionSeedThreshold(value(lesionSeedThreshold));
        }
        if (isSet(skinSeedThreshold)) {
            refine.skinSeedThreshold(value(skinSeedThreshold));
        }
        SegmenterConfig config = base.toBuilder().refine(refine.build()).fusion(CardSettings.fusion(base, card))
                .testTimeViews(isSet(testTimeViews) ? value(testTimeViews) : CardSettings.testTimeViews(base, card))
                .build();
        return new ResolvedSettings(spec, card.version, config,
                CardSettings.uncertainty(card, config.testTimeViews()));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType output = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        DjlRuntime.ensureOffline();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ResolvedSettings settings = resolveSettings(hadoop);
        SegmentationTask task = new SegmentationTask(settings, settings.settingsHash(), new HadoopConf(hadoop),
                columns(dataset.schema()), value(figureMaxSide));
        JavaRDD<Row> rows = dataset.toDF().javaRDD()
                .mapPartitions(new GlobalMaps(task))
                .mapPartitions(new LocalMaps(task))
                .mapPartitions(new FusedMasks(task));
        return spark.createDataFrame(rows, output);
    }

    /** The input schema with the output columns appended; refuses inputs it cannot read. */
    @Override
    public StructType transformSchema(StructType schema) {
        SegmentationTask.InputColumns c = columns(schema);
        StructType out = schema;
        if (c.appendId()) {
            out = out.add(IMAGE_ID, DataTypes.StringType, true);
        }
        for (StructField f : appended(c)) {
            if (Arrays.asList(schema.fieldNames()).contains(f.name())) {
                throw new IllegalArgumentException("the input already has a column '" + f.name()
                        + "', which LesionSegmentation appends; rename or drop it first");
            }
            out = out.add(f);
        }
        return out;
    }

    private StructField[] appended(SegmentationTask.InputColumns c) {
        StructType s = Schemas.SEGMENTATION;
        if (c.mask() >= 0 || c.maskPath() >= 0) {
            for (StructField f : Schemas.SCORING.fields()) {
                s = s.add(f);
            }
        }
        if (this.<Integer>value(figureMaxSide) > 0) {
            s = s.add(Schemas.FIGURE);
        }
        return s.fields();
    }

    private SegmentationTask.InputColumns columns(StructType schema) {
        int path = isDefined(pathCol) ? index(schema, getOrDefault(pathCol), DataTypes.StringType, "pathCol") : -1;
        int image = path < 0 ? index(schema, getOrDefault(inputCol), DataTypes.BinaryType, "inputCol") : -1;
        int id = isDefined(idCol) ? index(schema, getOrDefault(idCol), DataTypes.StringType, "idCol") : -1;
        int idFromPath = -1;
        if (id < 0) {
            if (Arrays.asList(schema.fieldNames()).contains(IMAGE_ID)) {
                throw new IllegalArgumentException("the input has a column '" + IMAGE_ID
                        + "': set idCol to it to use it as the ids, or drop it");
            }
            idFromPath = path >= 0 ? path : optionalIndex(schema, "path", DataTypes.StringType);
            if (idFromPath < 0) {
                throw new IllegalArgumentException("no ids: set idCol, or pathCol, or give a 'path' column "
                        + "(as the binaryFile source does) to take ids from file names");
            }
        }
        int mask = isDefined(maskCol) ? index(schema, getOrDefault(maskCol), DataTypes.BinaryType, "maskCol") : -1;
        int maskPath = mask < 0 && isDefined(maskPathCol)
                ? index(schema, getOrDefault(maskPathCol), DataTypes.StringType, "maskPathCol") : -1;
        boolean appendId = id < 0 || !getOrDefault(idCol).equals(IMAGE_ID);
        return new SegmentationTask.InputColumns(image, path, id, idFromPath, mask, maskPath,
                appendId && !Arrays.asList(schema.fieldNames()).contains(IMAGE_ID), getOrDefault(inputCol));
    }

    private static int index(StructType schema, String column, DataType type, String param) {
        int i = optionalIndex(schema, column, null);
        if (i < 0) {
            throw new IllegalArgumentException(param + ": the input has no column '" + column + "' (it has "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        DataType actual = schema.fields()[i].dataType();
        if (!actual.equals(type)) {
            throw new IllegalArgumentException(param + ": column '" + column + "' is " + actual.simpleString()
                    + ", expected " + type.simpleString());
        }
        return i;
    }

    private static int optionalIndex(StructType schema, String column, DataType type) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(column) && (type == null || schema.fields()[i].dataType().equals(type))) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Param<?> param) {
        return (T) getOrDefault(param);
    }

    @Override
    public LesionSegmentation copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Reads a LesionSegmentation saved with {@link #write()}. */
    public static MLReader<LesionSegmentation> read() {
        return new Reader().read();
    }

    public static LesionSegmentation load(String path) {
        return read().load(path);
    }

    /** Spark ML's default reader: the params from the metadata file, the class from its name. */
    private static final class Reader implements DefaultParamsReadable<LesionSegmentation> {
    }
}
