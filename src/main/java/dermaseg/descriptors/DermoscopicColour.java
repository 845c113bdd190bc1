package dermaseg.descriptors;

/**
 * The six colours the ABCD rule counts, each a region of CIELAB (D65, sRGB input; L* in [0, 100],
 * chroma {@code C* = √(a*² + b*²)}, hue {@code h = atan2(b*, a*)} in degrees), tried in this
 * order, so that every pixel has exactly one:
 *
 * <table>
 *   <caption>rules</caption>
 *   <tr><th>colour</th><th>rule</th><th>an sRGB example and its L*, a*, b*</th></tr>
 *   <tr><td>black</td><td>L* &lt; 20</td><td>(40, 30, 30): 12, 5, 2</td></tr>
 *   <tr><td>white</td><td>L* ≥ 75 and C* &lt; 15</td><td>(225, 220, 215): 88, 1, 3</td></tr>
 *   <tr><td>blue-grey</td><td>C* &lt; 8, or 180° ≤ h &lt; 300°</td><td>(110, 125, 150): 52, 0, −15</td></tr>
 *   <tr><td>red</td><td>C* ≥ 20 and (h &lt; 35° or h ≥ 300°)</td><td>(190, 60, 70): 45, 52, 24</td></tr>
 *   <tr><td>dark brown</td><td>L* &lt; 45</td><td>(110, 60, 40): 31, 20, 22</td></tr>
 *   <tr><td>light brown</td><td>the rest</td><td>(200, 150, 110): 66, 14, 28</td></tr>
 * </table>
 *
 * <p>The bounds are this project's, set from the colours' usual appearance in dermoscopy (brown
 * pigment has hues of 40° to 80°, blue-grey structures a bluish or no hue, red ones are
 * saturated and reddish), not fitted to data; no colour constancy is applied first, so a strong
 * colour cast of the dermoscope shifts pixels between neighbouring classes.
 */
public enum DermoscopicColour {
    WHITE("white"),
    RED("red"),
    LIGHT_BROWN("light_brown"),
    DARK_BROWN("dark_brown"),
    BLUE_GREY("blue_grey"),
    BLACK("black");

    private final String label;

    DermoscopicColour(String label) {
        this.label = label;
    }

    /** The name in output columns. */
    public String label() {
        return label;
    }

    /** The class of one CIELAB colour. */
    public static DermoscopicColour of(double l, double a, double b) {
        double chroma = Math.hypot(a, b);
        double hue = Math.toDegrees(Math.atan2(b, a));
        if (hue < 0) {
            hue += 360;
        }
        if (l < 20) {
            return BLACK;
        }
        if (l >= 75 && chroma < 15) {
            return WHITE;
        }
        if (chroma < 8 || (hue >= 180 && hue < 300)) {
            return BLUE_GREY;
        }
        if (chroma >= 20 && (hue < 35 || hue >= 300)) {
            return RED;
        }
        return l < 45 ? DARK_BROWN : LIGHT_BROWN;
    }
}
