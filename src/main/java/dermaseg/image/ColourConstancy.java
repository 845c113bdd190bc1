package dermaseg.image;

import java.util.Locale;
import org.opencv.core.Mat;

/**
 * The colour constancy step a model's card names, applied to every image before the FCN and the
 * superpixel stage see it, in training and in inference alike: none, or Shades of Gray with its
 * Minkowski norm ({@link Photometric#shadesOfGray}). Written in cards and options as {@code none}
 * or {@code shades-of-gray:P}.
 *
 * <p>What it changes: Shades of Gray scales each channel by one gain, and the FCN's input is
 * standardised per image and channel, which cancels any such gain up to 8-bit clipping and
 * rounding. So the FCN sees nearly the same input with it or without it; what it changes is the
 * colour the superpixel stage clusters and links (and the ABCD colour descriptors measure).
 */
public record ColourConstancy(double shadesOfGrayP) {
    private static final String SHADES_OF_GRAY = "shades-of-gray:";

    public ColourConstancy {
        if (shadesOfGrayP != 0 && !(shadesOfGrayP >= 1)) {
            throw new IllegalArgumentException("Shades of Gray takes a Minkowski p of at least 1, not " + shadesOfGrayP);
        }
    }

    public static ColourConstancy none() {
        return new ColourConstancy(0);
    }

    /** {@code none} or {@code shades-of-gray:P}; null is none (a card written before the step existed). */
    public static ColourConstancy parse(String text) {
        if (text == null || text.equals("none")) {
            return none();
        }
        if (text.startsWith(SHADES_OF_GRAY)) {
            try {
                return new ColourConstancy(Double.parseDouble(text.substring(SHADES_OF_GRAY.length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("colour constancy is none or shades-of-gray:P, not " + text, e);
            }
        }
        throw new IllegalArgumentException("colour constancy is none or shades-of-gray:P, not " + text);
    }

    public boolean isNone() {
        return shadesOfGrayP == 0;
    }

    /** Applies the step to an 8-bit BGR image in place. */
    public void apply(Mat bgr) {
        if (!isNone()) {
            Photometric.shadesOfGray(bgr, shadesOfGrayP);
        }
    }

    @Override
    public String toString() {
        return isNone() ? "none" : SHADES_OF_GRAY + String.format(Locale.ROOT, "%s", fmt(shadesOfGrayP));
    }

    private static String fmt(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
