package dermaseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnModelCache;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.refine.RefineConfig;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three stages used one by one, as the Spark jobs and the tune command use them. */
class StagesTest {

    @Test
    void oneOutputFeedsSeveralLaterStagesEachKeepingItsOwnTimings() throws Exception {
        FcnModel model = FcnModelCache.get(ModelLocation.bundled(), Device.cpu());
        try (GlobalStage global = new GlobalStage(model, SegmenterConfig.defaults())) {
            byte[] image = Files.readAllBytes(Samples.images().get(0));
            GlobalStage.Output g = global.predict(List.of(global.prepare(image))).get(0);
            RefineStage.Output coarse = new RefineStage(RefineConfig.builder().superpixels(100).build()).refine(g);
            RefineStage.Output fine = new RefineStage(RefineConfig.builder().superpixels(600).build()).refine(g);
            SegmentationResult a = new FusionStage(FusionConfig.builder().globalWeight(0.3).build()).fuse(fine);
            SegmentationResult b = new FusionStage(FusionConfig.builder().globalWeight(0.9).build()).fuse(fine);

            assertEquals(0, g.timings().superpixelMs(), "refining must not write into the FCN stage's output");
            assertEquals(0, fine.timings().fusionMs(), "fusing must not write into the refine stage's output");
            assertNotSame(coarse.timings(), fine.timings());
            assertNotSame(a.timings(), b.timings());
            assertTrue(a.timings().fusionMs() > 0 && b.timings().fusionMs() > 0);
            assertEquals(fine.timings().superpixelMs(), a.timings().superpixelMs());
        }
    }
}
