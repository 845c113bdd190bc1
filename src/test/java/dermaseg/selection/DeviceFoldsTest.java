package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceFoldsTest {
    /** 600 pairs: 200 of a DSLR, 150 small-format, 250 of a video dermatoscope. */
    private static DeviceGroups corpus() {
        Map<String, DeviceGroups.Frame> frames = new LinkedHashMap<>();
        for (int i = 0; i < 600; i++) {
            DeviceGroups.Frame f = i < 200 ? new DeviceGroups.Frame(4288, 2848)
                    : i < 350 ? new DeviceGroups.Frame(767, 576) : new DeviceGroups.Frame(1024, 768);
            frames.put(String.format("ISIC_%07d", i), f);
        }
        return DeviceGroups.of(frames, 100);
    }

    @Test
    void aFoldNeverTrainsOrTunesOnTheDeviceItHoldsOutAndEveryPairHasOnePlace() {
        DeviceGroups groups = corpus();
        List<DeviceFolds.Fold> folds = DeviceFolds.of(groups, List.of("small-format", "4288x2848"), 0.1);
        assertEquals(2, folds.size());
        Set<String> heldOutAnywhere = new HashSet<>();
        for (DeviceFolds.Fold f : folds) {
            for (String id : f.heldOut()) {
                assertEquals(f.heldOutGroup(), groups.groupOf(id));
                assertTrue(heldOutAnywhere.add(id), id + " is held out by two folds");
            }
            for (String id : f.learn()) {
                assertTrue(!groups.groupOf(id).equals(f.heldOutGroup()), id + " of the held-out device is learnt");
            }
            for (String id : f.innerValidation()) {
                assertTrue(!groups.groupOf(id).equals(f.heldOutGroup()), id + " of the held-out device tunes");
            }
            Set<String> all = new HashSet<>(f.learn());
            all.addAll(f.innerValidation());
            all.addAll(f.heldOut());
            assertEquals(f.learn().size() + f.innerValidation().size() + f.heldOut().size(), all.size(),
                    "the three parts of a fold overlap");
            assertEquals(groups.ids(), all, "a fold leaves pairs out");
            // The inner split is by a hash of the id: about a tenth, the same pairs in every fold.
            double share = f.innerValidation().size() / (double) (f.learn().size() + f.innerValidation().size());
            assertTrue(share > 0.05 && share < 0.15, "inner validation share " + share);
        }
        Set<String> innerBoth = new HashSet<>(folds.get(0).innerValidation());
        innerBoth.retainAll(folds.get(1).innerValidation());
        Set<String> sharedTraining = new HashSet<>(groups.members().get("1024x768"));
        sharedTraining.retainAll(folds.get(0).innerValidation());
        assertTrue(innerBoth.containsAll(sharedTraining),
                "a pair that both folds train on is inner validation in both or in neither");
        assertEquals("holdout-small-format", folds.get(0).name());
    }

    @Test
    void unknownOrRepeatedGroupsAndSharesOutsideTheUnitAreRefused() {
        DeviceGroups groups = corpus();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DeviceFolds.of(groups, List.of("3008x2000"), 0.1));
        assertTrue(unknown.getMessage().contains("small-format (150)"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceFolds.of(groups, List.of("1024x768", "1024x768"), 0.1));
        assertThrows(IllegalArgumentException.class, () -> DeviceFolds.of(groups, List.of("1024x768"), 0));
        assertThrows(IllegalArgumentException.class, () -> DeviceFolds.of(groups, List.of("1024x768"), 1));
    }
}
