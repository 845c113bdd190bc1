package dermaseg.spark;

import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.RefineStage;
import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stage 2 of {@link LesionSegmentation}: superpixel fine-tuning, one image in, one out. Failures
 * pass through; an unexpected failure on one image becomes that image's {@code refine_failed}.
 * The analysis image goes on with the maps: fusion measures the lesion's colours on it.
 */
final class LocalMaps implements FlatMapFunction<Iterator<InFlight.Decoded>, InFlight.Refined> {
    private static final long serialVersionUID = 1L;

    private final SegmentationTask task;

    LocalMaps(SegmentationTask task) {
        this.task = task;
    }

    @Override
    public Iterator<InFlight.Refined> call(Iterator<InFlight.Decoded> input) {
        RefineStage stage = new RefineStage(task.settings().config().refine());
        return Iterators.map(input, in -> {
            if (in.failure() != null) {
                return new InFlight.Refined(in.header(), null, in.failure());
            }
            GlobalStage.Output global = in.maps();
            try {
                return new InFlight.Refined(in.header(), stage.refine(global), null);
            } catch (RuntimeException e) {
                return new InFlight.Refined(in.header(), null,
                        InFlight.Failure.of("refine_failed", e, global.timings()));
            }
        });
    }
}
