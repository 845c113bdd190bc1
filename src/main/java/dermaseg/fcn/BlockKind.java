package dermaseg.fcn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The convolution unit the lesion FCN is built from (see {@link LesionFcn} for each one's layers,
 * sources and deviations). Named in the model card and on the train command line by
 * {@link #cardName()}.
 */
public enum BlockKind {
    /** Two full 3×3 convolutions per stage, skips concatenated: the shipped U-Net. */
    DOUBLE_CONV,
    /** Depthwise 3×3 then pointwise 1×1 (Chollet's Xception, MobileNetV1), skips added. */
    SEPARABLE,
    /** MobileNetV2's expand 1×1, depthwise 3×3, linear project 1×1, with a residual; skips added. */
    INVERTED_RESIDUAL;

    /** {@code double-conv}, {@code separable}, {@code inverted-residual}. */
    public String cardName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind a card or a command line names; an unknown name lists the known ones. */
    public static BlockKind fromCardName(String name) {
        for (BlockKind kind : values()) {
            if (kind.cardName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown block kind '" + name + "'; known: "
                + Arrays.stream(values()).map(BlockKind::cardName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cardName();
    }
}
