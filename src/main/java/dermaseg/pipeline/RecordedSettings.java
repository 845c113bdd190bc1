package dermaseg.pipeline;

import dermaseg.fcn.ModelCard;
import java.util.Optional;

/**
 * The pipeline settings a segment run recorded in its {@code summary.json}, rebuilt as the ones a
 * re-run of that run must be given so that it makes the same masks. A re-run takes the recorded
 * analysis size, fusion weight and input limits, and of the refine settings those a run's
 * command line can change (superpixel count, colour-affinity scale, seed thresholds); the others
 * come from the model card, which the settings hash then checks.
 *
 * @param maxPixels            null when the run did not record it: the default then
 * @param maxBytes             null when the run did not record it
 * @param superpixels          null: the model card's
 * @param sigmaScale           null: the model card's
 * @param lesionSeedThreshold  null (with {@code skinSeedThreshold}): the model card's
 */
public record RecordedSettings(int analysisMaxSide, double fusionWeight, Long maxPixels, Long maxBytes,
        Integer superpixels, Double sigmaScale, Double lesionSeedThreshold, Double skinSeedThreshold) {

    public RecordedSettings {
        if ((lesionSeedThreshold == null) != (skinSeedThreshold == null)) {
            throw new IllegalArgumentException("seed thresholds come in pairs");
        }
    }

    /**
     * The settings of a summary's fields; empty for a summary written before runs recorded their
     * refine settings and analysis size, which no re-run can reproduce exactly.
     */
    public static Optional<RecordedSettings> of(Integer analysisMaxSide, double fusionWeight, Long maxPixels,
            Long maxBytes, ModelCard.Refine refine) {
        if (refine == null || analysisMaxSide == null) {
            return Optional.empty();
        }
        // One seed threshold without the other is not a pair the run can have used.
        boolean seeds = refine.lesionSeedThreshold != null && refine.skinSeedThreshold != null;
        return Optional.of(new RecordedSettings(analysisMaxSide, fusionWeight, maxPixels, maxBytes,
                refine.superpixels, refine.sigmaScale, seeds ? refine.lesionSeedThreshold : null,
                seeds ? refine.skinSeedThreshold : null));
    }
}
