package dermaseg.selection;

import dermaseg.image.ColourConstancy;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.pipeline.TestTimeAugmentation;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of running a fold's model on its held-out device: a number of test-time views, and
 * optionally a colour constancy step in place of the card's. The model is the same in every
 * variant, so each is measured without training anything again.
 *
 * <p>A colour constancy step given here is applied at inference only. That stands in for a model
 * trained with it because the FCN standardises its input per image and channel, which cancels the
 * step's per-channel gains up to 8-bit clipping and rounding ({@link ColourConstancy}): a network
 * trained with it sees nearly the inputs this one saw. The table names such rows {@code +sogP}.
 *
 * @param views           test-time views of the FCN: 1, 2, 4 or 8
 * @param colourConstancy the step used instead of the card's; null keeps the card's
 */
public record InferenceVariant(int views, ColourConstancy colourConstancy) {
    public InferenceVariant {
        new TestTimeAugmentation(views);  // validates the count
    }

    /**
     * Every view count with the card's step, and, when {@code step} is given, the step with one
     * view: each change measured against the plain run, at the cost of one scoring each.
     */
    public static List<InferenceVariant> of(List<Integer> views, ColourConstancy step) {
        List<InferenceVariant> variants = new ArrayList<>();
        for (int v : views) {
            variants.add(new InferenceVariant(v, null));
        }
        if (step != null) {
            variants.add(new InferenceVariant(1, step));
        }
        return variants;
    }

    /** The suffix of the variant's name and files: empty for the card's step and one view. */
    public String suffix() {
        StringBuilder b = new StringBuilder();
        if (colourConstancy != null) {
            b.append("+").append(colourConstancy.isNone() ? "nocc" : "sog" + shortP());
        }
        if (views > 1) {
            b.append("+tta").append(views);
        }
        return b.toString();
    }

    private String shortP() {
        double p = colourConstancy.shadesOfGrayP();
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** The candidate's name in the tables when scored so. */
    public String name(String candidate) {
        return candidate + suffix();
    }

    /** The settings of this variant over the fold's tuned ones. */
    SegmenterConfig apply(SegmenterConfig tuned) {
        return tuned.toBuilder().testTimeViews(views).colourConstancy(colourConstancy).build();
    }

    /** The held-out scores' file: {@code held-out.csv} for the plain variant. */
    public String heldOutFile() {
        return "held-out" + fileSuffix() + ".csv";
    }

    /** The stress set's file: {@code stress.csv} for the plain variant. */
    public String stressFile() {
        return "stress" + fileSuffix() + ".csv";
    }

    private String fileSuffix() {
        return suffix().replace('+', '-');
    }
}
