package dermaseg.descriptors;

/**
 * One lesion's ABCD descriptors (see the package documentation for the definitions, their
 * sources and where they depart from them).
 *
 * @param asymmetry      A: shape and colour asymmetry about two perpendicular axes
 * @param border         B: compactness and abruptness in 8 segments
 * @param colours        C: the dermoscopic colours present
 * @param diameterPx     the greatest diameter, in pixels of the original image
 * @param pixelSpacingMm millimetres per original pixel as given, or null
 */
public record LesionDescriptors(Asymmetry asymmetry, Border border, Colours colours, double diameterPx,
        Double pixelSpacingMm) {
    /** Weights of Stolz's total dermoscopy score, TDS = 1.3·A + 0.1·B + 0.5·C + 0.5·D. */
    static final double A_WEIGHT = 1.3;
    static final double B_WEIGHT = 0.1;
    static final double C_WEIGHT = 0.5;

    /** The greatest diameter in millimetres; null without a pixel spacing. */
    public Double diameterMm() {
        return pixelSpacingMm == null ? null : diameterPx * pixelSpacingMm;
    }

    /**
     * Stolz's TDS without its D term: 1.3·A + 0.1·B + 0.5·C. D counts differential structures
     * (pigment network, structureless areas, dots, globules, branched streaks; 1 to 5), which a
     * mask and colours cannot show, so the full score lies between this plus 0.5 and this plus 2.5.
     */
    public double tdsWithoutStructures() {
        return A_WEIGHT * asymmetry.score() + B_WEIGHT * border.score() + C_WEIGHT * colours.score();
    }
}
