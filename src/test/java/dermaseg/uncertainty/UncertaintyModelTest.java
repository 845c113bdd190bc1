package dermaseg.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UncertaintyModelTest {
    /** Both weights positive, means at ln(0.1 + offset), unit scales. */
    private static final UncertaintyModel MODEL = new UncertaintyModel(-1.5, new double[] {0.5, 0.7},
            new double[] {Math.log(0.11), Math.log(0.11)}, new double[] {1, 1});

    private static UncertaintyFeatures features(double doubt, double disagreement) {
        return new UncertaintyFeatures(doubt, disagreement, 30, 0.2);
    }

    @Test
    void atTheFeatureMeansTheScoreIsTheLogisticOfTheIntercept() {
        assertEquals(1 / (1 + Math.exp(1.5)), MODEL.score(features(0.1, 0.1)), 1e-12);
    }

    @Test
    void theScoreRisesWithEachFeatureAndStaysInTheUnitInterval() {
        double low = MODEL.score(features(0.02, 0.05));
        double moreDoubt = MODEL.score(features(0.3, 0.05));
        double moreDisagreement = MODEL.score(features(0.02, 0.5));
        assertTrue(low < moreDoubt && low < moreDisagreement);
        assertTrue(low > 0 && MODEL.score(features(1, 1)) < 1);
    }

    @Test
    void whatValidationDataNeverShowsIsMaximallyUncertain() {
        assertEquals(1.0, MODEL.score(new UncertaintyFeatures(0.01, 0.01, 30, 0)), "no lesion");
        assertEquals(1.0, MODEL.score(new UncertaintyFeatures(0.01, 0.01, 3, 0.2)), "a flat frame");
        assertEquals(1.0, MODEL.score(new UncertaintyFeatures(0.01, 0.01, 30, 0.99)), "no skin left");
        assertTrue(MODEL.score(new UncertaintyFeatures(0.01, 0.01, 30, 0.5)) < 0.5);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new UncertaintyModel(0, new double[] {1}, new double[] {0}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new UncertaintyModel(0, new double[] {1, 1}, new double[] {0, 0}, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new UncertaintyModel(Double.NaN, new double[] {1, 1}, new double[] {0, 0}, new double[] {1, 1}));
    }
}
