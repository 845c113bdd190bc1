package dermaseg.pipeline;

import dermaseg.descriptors.LesionDescriptors;
import dermaseg.image.BinaryMask;

/**
 * One image's segmentation.
 *
 * @param mask                the lesion mask at the original image size (0/255)
 * @param maskPng             the mask encoded as an 8-bit PNG
 * @param otsuThreshold       Otsu's threshold on the fused map, in [0, 1]
 * @param lesionArea          lesion pixels in {@code mask}
 * @param box                 the lesion's bounding box {x, y, width, height}; all zero when no lesion
 * @param meanFcnProbability  mean FCN probability over the lesion pixels (0 when no lesion): a
 *                            confidence that analytics can sort by
 * @param uncertainty         how likely the mask is wrong, in [0, 1] ({@link dermaseg.uncertainty.UncertaintyModel});
 *                            null when the model card has no uncertainty fit
 * @param fusionWeight        the {@code w} used
 * @param stages              the stage outputs the mask came from, maps included
 * @param descriptors         the lesion's ABCD descriptors; null when not asked for, when there is
 *                            no lesion, or when it is too small to describe
 */
public record SegmentationResult(BinaryMask mask, byte[] maskPng, float otsuThreshold, long lesionArea,
        int[] box, double meanFcnProbability, Double uncertainty, double fusionWeight, RefineStage.Output stages,
        LesionDescriptors descriptors) {

    public int width() {
        return mask.width();
    }

    public int height() {
        return mask.height();
    }

    public double lesionFraction() {
        return (double) lesionArea / ((long) mask.width() * mask.height());
    }

    public int superpixelCount() {
        return stages.superpixelCount();
    }

    public StageTimings timings() {
        return stages.timings();
    }
}
