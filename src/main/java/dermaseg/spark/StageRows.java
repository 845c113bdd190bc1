package dermaseg.spark;

import dermaseg.pipeline.AnalysisImage;
import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.QuantizedMap;
import dermaseg.pipeline.RefineStage;
import dermaseg.pipeline.StageTimings;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Conversions between {@link Schemas#STAGE} rows and the pipeline's stage records. */
final class StageRows {
    static final String OK = "ok";
    static final String ERROR = "error";

    static final int IMAGE_ID = index("image_id");
    static final int SOURCE = index("source");
    static final int GROUND_TRUTH = index("ground_truth");
    static final int STATUS = index("status");
    static final int ERROR_REASON = index("error");
    static final int ERROR_DETAIL = index("error_detail");
    static final int WIDTH = index("width");
    static final int HEIGHT = index("height");
    static final int ANALYSIS_WIDTH = index("analysis_width");
    static final int ANALYSIS_HEIGHT = index("analysis_height");
    static final int ANALYSIS_BGR = index("analysis_bgr");
    static final int GLOBAL_MAP = index("global_map");
    static final int LOCAL_MAP = index("local_map");
    static final int SUPERPIXEL_COUNT = index("superpixel_count");
    static final int DECODE_MS = index("decode_ms");
    static final int FCN_MS = index("fcn_ms");
    static final int SUPERPIXEL_MS = index("superpixel_ms");
    static final int RANKING_MS = index("ranking_ms");
    static final int EXECUTOR = index("executor");
    static final int MODEL_LOADS = index("model_loads");

    private StageRows() {
    }

    private static int index(String name) {
        return Schemas.STAGE.fieldIndex(name);
    }

    /** This JVM, as executor id and {@code pid@host}: what "once per executor" is counted by. */
    static String executor() {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "none" : env.executorId();
        return id + "/" + ManagementFactory.getRuntimeMXBean().getName();
    }

    private static Object[] blank(String imageId, String source, String groundTruth) {
        Object[] v = new Object[Schemas.STAGE.size()];
        v[IMAGE_ID] = imageId;
        v[SOURCE] = source;
        v[GROUND_TRUTH] = groundTruth;
        v[EXECUTOR] = executor();
        return v;
    }

    static Row error(String imageId, String source, String groundTruth, String reason, String detail,
            StageTimings timings, Integer modelLoads) {
        Object[] v = blank(imageId, source, groundTruth);
        v[STATUS] = ERROR;
        v[ERROR_REASON] = reason;
        v[ERROR_DETAIL] = detail;
        if (timings != null) {
            v[DECODE_MS] = timings.decodeMs();
            v[FCN_MS] = timings.fcnMs();
        }
        v[MODEL_LOADS] = modelLoads;
        return row(v);
    }

    static Row global(String imageId, String source, String groundTruth, GlobalStage.Output g, int modelLoads) {
        AnalysisImage image = g.image();
        StageTimings t = g.timings();
        Object[] v = blank(imageId, source, groundTruth);
        v[STATUS] = OK;
        v[WIDTH] = image.originalWidth();
        v[HEIGHT] = image.originalHeight();
        v[ANALYSIS_WIDTH] = image.width();
        v[ANALYSIS_HEIGHT] = image.height();
        v[ANALYSIS_BGR] = image.bgr();
        v[GLOBAL_MAP] = g.global().levels();
        v[DECODE_MS] = t.decodeMs();
        v[FCN_MS] = t.fcnMs();
        v[MODEL_LOADS] = modelLoads;
        return row(v);
    }

    static Row local(Row in, RefineStage.Output r) {
        Object[] v = copy(in);
        v[LOCAL_MAP] = r.local().levels();
        v[SUPERPIXEL_COUNT] = r.superpixelCount();
        v[SUPERPIXEL_MS] = r.timings().superpixelMs();
        v[RANKING_MS] = r.timings().rankingMs();
        return row(v);
    }

    /** An ok row that failed at a later stage: the pixels are dropped, the timings kept. */
    static Row failed(Row in, String reason, Throwable e) {
        Object[] v = copy(in);
        v[STATUS] = ERROR;
        v[ERROR_REASON] = reason;
        v[ERROR_DETAIL] = e.getClass().getSimpleName() + ": " + e.getMessage();
        v[ANALYSIS_BGR] = null;
        v[GLOBAL_MAP] = null;
        v[LOCAL_MAP] = null;
        return row(v);
    }

    /** One row out per row in, lazily: a partition is never held in memory. */
    static Iterator<Row> mapEach(Iterator<Row> input, UnaryOperator<Row> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public Row next() {
                if (!input.hasNext()) {
                    throw new NoSuchElementException();
                }
                return f.apply(input.next());
            }
        };
    }

    static boolean isOk(Row stageRow) {
        return OK.equals(stageRow.getString(STATUS));
    }

    static GlobalStage.Output toGlobal(Row in) {
        int aw = in.getInt(ANALYSIS_WIDTH);
        int ah = in.getInt(ANALYSIS_HEIGHT);
        AnalysisImage image = new AnalysisImage(aw, ah, (byte[]) in.get(ANALYSIS_BGR), in.getInt(WIDTH),
                in.getInt(HEIGHT));
        QuantizedMap global = new QuantizedMap(aw, ah, (byte[]) in.get(GLOBAL_MAP));
        StageTimings t = StageTimings.of(in.getDouble(DECODE_MS), in.getDouble(FCN_MS), 0, 0, 0, 0);
        return new GlobalStage.Output(image, global, t);
    }

    static RefineStage.Output toLocal(Row in) {
        GlobalStage.Output g = toGlobal(in);
        QuantizedMap local = new QuantizedMap(g.image().width(), g.image().height(), (byte[]) in.get(LOCAL_MAP));
        StageTimings t = StageTimings.of(in.getDouble(DECODE_MS), in.getDouble(FCN_MS), in.getDouble(SUPERPIXEL_MS),
                in.getDouble(RANKING_MS), 0, 0);
        return new RefineStage.Output(g.image(), g.global(), local, in.getInt(SUPERPIXEL_COUNT), t, null);
    }

    private static Object[] copy(Row in) {
        Object[] v = new Object[in.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.get(i);
        }
        return v;
    }

    static Row row(Object[] values) {
        return RowFactory.create(values);
    }
}
