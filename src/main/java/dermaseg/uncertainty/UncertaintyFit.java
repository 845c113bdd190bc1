package dermaseg.uncertainty;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Fits an {@link UncertaintyModel} to validation images, and says honestly how well it ranks:
 * by k-fold cross-validation, each image scored by a model fitted without it.
 *
 * <p>The fit maximises the quasi-binomial log-likelihood of {@code y = 1 − Jaccard} under a
 * logistic mean, with a ridge penalty on the weights (not the intercept), by Newton's method
 * (iteratively reweighted least squares). With two features and ~150 images there is no call for
 * a library optimiser: the Hessian is 3×3 and EJML solves it. Images a guard of
 * {@link UncertaintyModel} catches are left out of the fit and the ranking alike: they get 1
 * whatever the weights.
 */
public final class UncertaintyFit {
    /** Folds of the cross-validation; images go to folds by position (id order), so runs repeat. */
    public static final int FOLDS = 5;
    /** Ridge penalty on the standardised weights; 1 was chosen among 0.1, 1 and 10 on val (all within 0.01 of ρ). */
    public static final double RIDGE = 1.0;
    private static final int NEWTON_STEPS = 50;
    private static final double CONVERGED = 1e-10;

    private UncertaintyFit() {
    }

    /** One validation image: its features and its fused mask's Jaccard against the ground truth. */
    public record Sample(String id, UncertaintyFeatures features, double jaccard) {
    }

    /**
     * The fit on every sample, and the figures: out-of-fold ranking, the same for the baseline
     * {@code 1 − mean_fcn_probability} (which needs no fit), and the fitted model's in-sample ranking.
     */
    public record Result(UncertaintyModel model, UncertaintyRanking crossValidated, UncertaintyRanking baseline,
            UncertaintyRanking inSample, int fitted, int guarded) {
    }

    public static Result run(List<Sample> samples) {
        List<Sample> usable = new ArrayList<>();
        for (Sample s : samples) {
            if (!UncertaintyModel.implausible(s.features())) {
                usable.add(s);
            }
        }
        if (usable.size() < 2 * FOLDS) {
            throw new IllegalArgumentException("an uncertainty fit needs at least " + 2 * FOLDS
                    + " scorable images, got " + usable.size());
        }
        int n = usable.size();
        // The views' disagreement joins the fit when every image has it (segmented with test-time
        // views); the fitted model then asks for views wherever it scores.
        List<String> features = usable.stream().allMatch(s -> s.features().hasViews())
                ? UncertaintyModel.FEATURES_WITH_VIEWS : UncertaintyModel.FEATURES;
        double[] jaccards = new double[n];
        double[] outOfFold = new double[n];
        double[] baseline = new double[n];
        for (int i = 0; i < n; i++) {
            jaccards[i] = usable.get(i).jaccard();
            baseline[i] = usable.get(i).features().fcnDoubt();
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Sample> training = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % FOLDS != fold) {
                    training.add(usable.get(i));
                }
            }
            UncertaintyModel m = fit(training, features);
            for (int i = fold; i < n; i += FOLDS) {
                outOfFold[i] = m.score(usable.get(i).features());
            }
        }
        UncertaintyModel model = fit(usable, features);
        double[] inSample = new double[n];
        for (int i = 0; i < n; i++) {
            inSample[i] = model.score(usable.get(i).features());
        }
        return new Result(model, UncertaintyRanking.of(outOfFold, jaccards), UncertaintyRanking.of(baseline, jaccards),
                UncertaintyRanking.of(inSample, jaccards), n, samples.size() - n);
    }

    /** The penalised quasi-likelihood fit on {@code samples}. */
    static UncertaintyModel fit(List<Sample> samples, List<String> features) {
        int n = samples.size();
        int k = features.size();
        double[][] z = new double[n][];
        double[] y = new double[n];
        double[] means = new double[k];
        double[] scales = new double[k];
        for (int i = 0; i < n; i++) {
            z[i] = UncertaintyModel.logFeatures(UncertaintyModel.fittedFeatures(samples.get(i).features(), features));
            y[i] = Math.min(1, Math.max(0, 1 - samples.get(i).jaccard()));
            for (int c = 0; c < k; c++) {
                means[c] += z[i][c] / n;
            }
        }
        for (double[] row : z) {
            for (int c = 0; c < k; c++) {
                scales[c] += (row[c] - means[c]) * (row[c] - means[c]) / n;
            }
        }
        for (int c = 0; c < k; c++) {
            scales[c] = Math.max(Math.sqrt(scales[c]), 1e-9);
        }
        // Design matrix: a column of ones, then the standardised log features.
        DMatrixRMaj x = new DMatrixRMaj(n, k + 1);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, 1);
            for (int c = 0; c < k; c++) {
                x.set(i, c + 1, (z[i][c] - means[c]) / scales[c]);
            }
        }
        DMatrixRMaj beta = new DMatrixRMaj(k + 1, 1);
        for (int step = 0; step < NEWTON_STEPS; step++) {
            DMatrixRMaj gradient = new DMatrixRMaj(k + 1, 1);
            DMatrixRMaj hessian = new DMatrixRMaj(k + 1, k + 1);
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int c = 0; c <= k; c++) {
                    eta += x.get(i, c) * beta.get(c);
                }
                double p = 1 / (1 + Math.exp(-eta));
                double weight = p * (1 - p);
                for (int a = 0; a <= k; a++) {
                    gradient.add(a, 0, x.get(i, a) * (p - y[i]));
                    for (int b = 0; b <= k; b++) {
                        hessian.add(a, b, weight * x.get(i, a) * x.get(i, b));
                    }
                }
            }
            for (int a = 1; a <= k; a++) {
                gradient.add(a, 0, RIDGE * beta.get(a));
                hessian.add(a, a, RIDGE);
            }
            DMatrixRMaj delta = new DMatrixRMaj(k + 1, 1);
            if (!CommonOps_DDRM.solve(hessian, gradient, delta)) {
                throw new IllegalStateException("uncertainty fit: singular Hessian");
            }
            CommonOps_DDRM.subtractEquals(beta, delta);
            if (CommonOps_DDRM.elementMaxAbs(delta) < CONVERGED) {
                break;
            }
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = beta.get(c + 1);
        }
        return new UncertaintyModel(features, beta.get(0), weights, means, scales);
    }
}
