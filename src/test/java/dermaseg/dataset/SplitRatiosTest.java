package dermaseg.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitRatiosTest {
    @Test
    void theHashIsTheDocumentedFunction() {
        // Computed independently, in Python:
        // (int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") >> 11) / 2**53
        // A change here moves pairs between splits in every existing dataset.
        assertEquals(0.0504357758658297, SplitRatios.unitHash("ISIC_0000000"), 0.0);
        assertEquals(0.14622911528596527, SplitRatios.unitHash("ISIC_0001769"), 0.0);
        assertEquals(0.7913742705223815, SplitRatios.unitHash("a"), 0.0);
        assertEquals(0.8894159948913373, SplitRatios.unitHash(""), 0.0);
    }

    @Test
    void tenThousandConsecutiveIdsFollowTheRatiosWithinTwoPercent() {
        SplitRatios ratios = SplitRatios.defaults();
        Map<String, Integer> counts = new HashMap<>();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "ISIC_%07d", i);
            String split = ratios.assign(id);
            assertEquals(split, ratios.assign(id), "the split of an id never changes");
            counts.merge(split, 1, Integer::sum);
        }
        ratios.asMap().forEach((split, ratio) -> {
            double fraction = counts.getOrDefault(split, 0) / (double) n;
            assertEquals(ratio, fraction, 0.02, split + ": " + counts);
        });
    }

    @Test
    void boundariesFollowTheCumulativeRatios() {
        for (String id : new String[] {"ISIC_0000000", "a", ""}) {
            assertEquals(SplitRatios.TRAIN, new SplitRatios(1, 0, 0).assign(id));
            assertEquals(SplitRatios.TEST, new SplitRatios(0, 0, 1).assign(id));
        }
        // "a" hashes to 0.791: validation when train + validation passes it, test when not.
        assertEquals(SplitRatios.VALIDATION, new SplitRatios(0.7, 0.1, 0.2).assign("a"));
        assertEquals(SplitRatios.TEST, new SplitRatios(0.7, 0.09, 0.21).assign("a"));
    }

    @Test
    void parsing() {
        assertEquals(new SplitRatios(0.7, 0.2, 0.1), SplitRatios.parse("train=0.7, validation=0.2, test=0.1"));
        assertEquals(new SplitRatios(0.5, 0.5, 0), SplitRatios.parse("validation=0.5,train=0.5"));
        assertEquals(SplitRatios.defaults(), SplitRatios.parse(SplitRatios.defaults().toString()));
        for (String bad : new String[] {"train=0.7,validation=0.2", "train=0.5,val=0.5", "train=1.2,test=-0.2",
            "train=x", "0.8,0.1,0.1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse(bad));
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), bad);
        }
    }
}
