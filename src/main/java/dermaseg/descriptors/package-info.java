/**
 * ABCD descriptors of a segmented lesion, from its mask and the image's colours, with no Spark in
 * sight: {@link dermaseg.descriptors.LesionDescriber} measures
 * {@link dermaseg.descriptors.LesionDescriptors} on a small {@link dermaseg.descriptors.LesionGrid}
 * around the lesion.
 *
 * <p>Definitions followed: the ABCD rule of dermoscopy of W. Stolz et al., "ABCD rule of
 * dermatoscopy: a new practical method for early recognition of malignant melanoma", Eur. J.
 * Dermatol. 4 (1994) 521–527 — asymmetry about two perpendicular axes placed for the lowest
 * asymmetry (A, 0–2), an abrupt cut-off of the pigment pattern at the border in 8 segments (B,
 * 0–8), the count of six colours (C, 1–6), differential structures (D, 1–5), and the total
 * dermoscopy score TDS = 1.3·A + 0.1·B + 0.5·C + 0.5·D; and computational forms of these
 * features reviewed by M. E. Celebi et al., "Dermoscopy image analysis: overview and future
 * directions", IEEE J. Biomed. Health Inform. 23(2) (2019) 474–478, and by C. Barata, M. E.
 * Celebi, J. S. Marques, "A survey of feature extraction in dermoscopy image analysis of skin
 * cancer", ibid. 23(3) (2019) 1096–1109: shape asymmetry as the area a lesion's mirror image does
 * not cover, colour asymmetry between the halves, compactness {@code 4πA/P²}, colour across the
 * border, colours as regions of a perceptual colour space, and the greatest diameter.
 *
 * <p>Where this departs from them, and why:
 * <ul>
 *   <li>No D, so no TDS: differential structures need a texture or structure detector that this
 *       project does not have. {@code tdsWithoutStructures} is 1.3·A + 0.1·B + 0.5·C, and the
 *       full score would lie 0.5 to 2.5 above it; Stolz's cut-offs (4.75, 5.45) apply to the full
 *       score only.</li>
 *   <li>Asymmetry counts shape and colour, not structures (for the same reason). The axes are
 *       searched every 5° rather than placed by eye, and the thresholds that make an axis
 *       asymmetric are ours (see {@link dermaseg.descriptors.Asymmetry}), not calibrated against
 *       dermatologists' scores.</li>
 *   <li>Abruptness is the share of the colour change across a band around the border that
 *       happens within two pixels (see {@link dermaseg.descriptors.Border}), a measurable stand-in
 *       for "the pigment pattern ends abruptly"; it is relative to the lesion's size, so it does
 *       not depend on the image's resolution.</li>
 *   <li>Colours are fixed regions of CIELAB ({@link dermaseg.descriptors.DermoscopicColour}) with
 *       no colour constancy first, where published systems often learn them from annotated
 *       images; a dermoscope's colour cast moves pixels between neighbouring classes.</li>
 *   <li>Everything is measured on the lesion resampled to at most
 *       {@link dermaseg.descriptors.DescriptorConfig#gridMaxSide()} pixels a side (256 by
 *       default), never finer than the analysis image: detail finer than that is not seen, and a
 *       lesion of fewer than 25 pixels at analysis resolution is not described.</li>
 *   <li>The diameter is the lesion's greatest extent (maximum Feret diameter), the clinical
 *       "D" of the ABCDE mnemonic, not part of Stolz's rule; in millimetres only when the pixel
 *       spacing is given.</li>
 * </ul>
 */
package dermaseg.descriptors;
