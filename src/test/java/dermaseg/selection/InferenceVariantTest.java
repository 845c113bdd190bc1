package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.ColourConstancy;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.pipeline.SettingsHash;
import dermaseg.fusion.FusionConfig;
import dermaseg.refine.RefineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceVariantTest {
    @Test
    void variantsAreEveryViewCountAndTheStepAloneAndNameTheirRowsAndFiles() {
        ColourConstancy sog = ColourConstancy.parse("shades-of-gray:6");
        List<InferenceVariant> v = InferenceVariant.of(List.of(1, 8), sog);
        assertEquals(List.of("c", "c+tta8", "c+sog6"), v.stream().map(x -> x.name("c")).toList());
        assertEquals(List.of("held-out.csv", "held-out-tta8.csv", "held-out-sog6.csv"),
                v.stream().map(InferenceVariant::heldOutFile).toList());
        assertEquals("stress-sog6-tta8.csv", new InferenceVariant(8, ColourConstancy.parse("shades-of-gray:6")).stressFile());
        assertEquals(2, InferenceVariant.of(List.of(1, 8), null).size());
        assertThrows(IllegalArgumentException.class, () -> new InferenceVariant(3, null));
    }

    @Test
    void aVariantSetsItsViewsAndStepOverTheTunedSettingsAndTheHashSeesThem() {
        SegmenterConfig tuned = SegmenterConfig.builder().refine(RefineConfig.builder().build())
                .fusion(FusionConfig.builder().globalWeight(0.4).build()).build();
        SegmenterConfig plain = new InferenceVariant(1, null).apply(tuned);
        SegmenterConfig both = new InferenceVariant(8, ColourConstancy.parse("shades-of-gray:6")).apply(tuned);
        assertEquals(8, both.testTimeViews());
        assertEquals(6.0, both.colourConstancy().shadesOfGrayP());
        assertNull(plain.colourConstancy());
        assertEquals(0.4, both.fusion().globalWeight());
        assertEquals(SettingsHash.of(tuned), SettingsHash.of(plain), "one view and the card's step: the hash as before");
        assertEquals(false, SettingsHash.of(tuned).equals(SettingsHash.of(both)));
    }
}
