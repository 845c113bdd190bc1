/**
 * Superpixels for the fine-tuning stage: SLIC on CIELAB (Achanta et al., TPAMI 2012) with
 * connectivity enforced, the adjacency graph over the resulting superpixels with the per-node
 * statistics that seeds and affinities need, and boundary recall to judge the segmentation.
 *
 * <p>SLIC is implemented here rather than taken from OpenCV: {@code org.openpnp:opencv} ships no
 * {@code ximgproc} contrib module. Everything works on primitive arrays; OpenCV is used only to
 * convert colours. The code is single-threaded and deterministic: a Spark executor already runs
 * one task per core, and a run must give the same superpixels every time.
 *
 * <p>Typical use: {@code LabImage.fromBgr(bgr, roi)} → {@code new Slic(config).segment(lab)} →
 * {@code SuperpixelGraph.build(labels, lab, probability, Neighbourhood.ADJACENT)}.
 */
package dermaseg.superpixel;
