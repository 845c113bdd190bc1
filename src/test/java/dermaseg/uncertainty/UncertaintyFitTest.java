package dermaseg.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UncertaintyFitTest {
    /**
     * Images whose error follows the superpixel disagreement only, the FCN's doubt being noise:
     * the fit must find that out, rank far better than the baseline, and weigh the doubt lightly.
     */
    private static List<UncertaintyFit.Sample> disagreementDriven(int n, long seed) {
        Random random = new Random(seed);
        List<UncertaintyFit.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double disagreement = 0.02 + 0.6 * random.nextDouble();
            double doubt = 0.02 + 0.3 * random.nextDouble();
            double error = 1 / (1 + Math.exp(-(1 + 1.5 * Math.log(disagreement + UncertaintyModel.LOG_OFFSET))))
                    + 0.02 * random.nextGaussian();
            samples.add(new UncertaintyFit.Sample("i" + i,
                    new UncertaintyFeatures(doubt, disagreement, 30, 0.2), Math.min(1, Math.max(0, 1 - error))));
        }
        return samples;
    }

    @Test
    void theFitFindsTheSignalAndCrossValidationConfirmsIt() {
        UncertaintyFit.Result r = UncertaintyFit.run(disagreementDriven(200, 7));
        assertEquals(200, r.fitted());
        assertTrue(r.crossValidated().spearman() > 0.9, "cross-validated rho " + r.crossValidated().spearman());
        assertTrue(Math.abs(r.baseline().spearman()) < 0.2, "the doubt is noise: " + r.baseline().spearman());
        double[] w = r.model().weights();
        assertTrue(w[1] > 0 && Math.abs(w[0]) < w[1] / 5, "weights " + w[0] + ", " + w[1]);
        assertTrue(r.crossValidated().gap() > 0.1);
    }

    @Test
    void imagesAGuardCatchesAreLeftOutOfTheFit() {
        List<UncertaintyFit.Sample> samples = new ArrayList<>(disagreementDriven(50, 3));
        samples.add(new UncertaintyFit.Sample("blank-ish", new UncertaintyFeatures(0.01, 0.01, 2.5, 0.3), 0.0));
        samples.add(new UncertaintyFit.Sample("nothing", new UncertaintyFeatures(1, 1, 30, 0), 0.0));
        UncertaintyFit.Result r = UncertaintyFit.run(samples);
        assertEquals(50, r.fitted());
        assertEquals(2, r.guarded());
        assertEquals(50, r.crossValidated().images());
    }

    @Test
    void tooFewImagesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UncertaintyFit.run(disagreementDriven(9, 1)));
    }

    /** Images whose error follows the test-time views' disagreement, the other two signals noise. */
    private static List<UncertaintyFit.Sample> viewDriven(int n, long seed) {
        Random random = new Random(seed);
        List<UncertaintyFit.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double views = 0.01 + 0.5 * random.nextDouble();
            double error = 1 / (1 + Math.exp(-(1 + 1.5 * Math.log(views + UncertaintyModel.LOG_OFFSET))))
                    + 0.02 * random.nextGaussian();
            samples.add(new UncertaintyFit.Sample("v" + i, new UncertaintyFeatures(0.02 + 0.3 * random.nextDouble(),
                    0.02 + 0.6 * random.nextDouble(), 30, 0.2, views), Math.min(1, Math.max(0, 1 - error))));
        }
        return samples;
    }

    @Test
    void imagesSegmentedWithViewsAreFittedOnTheirDisagreementTooAndScoringThenNeedsViews() {
        UncertaintyFit.Result r = UncertaintyFit.run(viewDriven(200, 11));
        assertEquals(UncertaintyModel.FEATURES_WITH_VIEWS, r.model().features());
        assertTrue(r.model().needsViews());
        assertTrue(r.crossValidated().spearman() > 0.9, "cross-validated rho " + r.crossValidated().spearman());
        double[] w = r.model().weights();
        assertTrue(w[2] > 0 && Math.abs(w[0]) < w[2] / 5 && Math.abs(w[1]) < w[2] / 5, java.util.Arrays.toString(w));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> r.model().score(new UncertaintyFeatures(0.1, 0.1, 30, 0.2)), "one view: no disagreement to weigh");
        assertEquals(UncertaintyModel.FEATURES, UncertaintyFit.run(disagreementDriven(50, 3)).model().features(),
                "without views the fit keeps its two features");
        assertEquals(r.model(), new UncertaintyModel(r.model().features(), r.model().intercept(), r.model().weights(),
                r.model().means(), r.model().scales()));
    }
}
