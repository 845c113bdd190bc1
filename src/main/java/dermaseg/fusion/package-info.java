/**
 * The last step of the method: the weighted fusion of the global and local maps, Otsu's
 * threshold, and the clean-up of the binary mask (largest region, holes filled).
 */
package dermaseg.fusion;
