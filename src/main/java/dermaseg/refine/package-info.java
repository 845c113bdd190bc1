/**
 * Superpixel-based fine-tuning of the FCN map: region of interest, seeds from the FCN's
 * confident superpixels, colour affinities and the closed form of manifold ranking, giving the
 * local map {@code P_l}.
 */
package dermaseg.refine;
