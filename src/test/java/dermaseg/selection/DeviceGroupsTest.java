package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceGroupsTest {
    @TempDir
    Path dir;

    private static Map<String, DeviceGroups.Frame> frames(Object... idWidthHeight) {
        Map<String, DeviceGroups.Frame> m = new LinkedHashMap<>();
        for (int i = 0; i < idWidthHeight.length; i += 3) {
            m.put((String) idWidthHeight[i],
                    new DeviceGroups.Frame((Integer) idWidthHeight[i + 1], (Integer) idWidthHeight[i + 2]));
        }
        return m;
    }

    @Test
    void framesAreGroupedBySizeWithTheSmallFormatTogetherAndRareSizesAsOther() {
        DeviceGroups g = DeviceGroups.of(frames(
                "a", 4288, 2848, "b", 2848, 4288, "c", 4288, 2848,   // one DSLR, a portrait frame among them
                "d", 767, 576, "e", 919, 802, "f", 802, 999,          // small-format: longer side under 1000
                "g", 1024, 768, "h", 1022, 767,                        // a crop is not its neighbour's camera
                "i", 1000, 700), 2);
        assertEquals("4288x2848", g.groupOf("a"));
        assertEquals("4288x2848", g.groupOf("b"));
        assertEquals(DeviceGroups.SMALL_FORMAT, g.groupOf("d"));
        assertEquals(DeviceGroups.SMALL_FORMAT, g.groupOf("e"));
        assertEquals(DeviceGroups.SMALL_FORMAT, g.groupOf("f"));
        assertEquals(DeviceGroups.OTHER, g.groupOf("g"), "1024x768 has one pair here, under the minimum of 2");
        assertEquals(DeviceGroups.OTHER, g.groupOf("h"));
        assertEquals(DeviceGroups.OTHER, g.groupOf("i"), "a longer side of exactly 1000 is not small-format");
        assertNull(g.groupOf("unlisted"));
        assertEquals(List.of("a", "b", "c"), g.members().get("4288x2848"));
        assertEquals(3, g.members().size());
    }

    @Test
    void manifestsAreReadTogetherAndTheirFaultsNamed() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"),
                "id,source_image,orig_w,orig_h,lesion_fraction\nx1,s/x1.jpg,3008,2000,0.1\nx2,s/x2.jpg,700,500,0.2\n");
        Path val = Files.writeString(dir.resolve("val.csv"), "id,orig_h,orig_w\nx3,2000,3008\n\n");
        DeviceGroups g = DeviceGroups.read(List.of(train, val), 2);
        assertEquals("3008x2000", g.groupOf("x3"), "columns are found by name, whatever their order");
        assertEquals(DeviceGroups.SMALL_FORMAT, g.groupOf("x2"));
        assertEquals(3, g.ids().size());

        Path twice = Files.writeString(dir.resolve("twice.csv"), "id,orig_w,orig_h\nx1,10,10\n");
        IOException repeated = assertThrows(IOException.class, () -> DeviceGroups.read(List.of(train, twice), 1));
        assertTrue(repeated.getMessage().contains("x1 listed twice"), repeated.getMessage());
        Path noColumn = Files.writeString(dir.resolve("nocol.csv"), "id,width,height\nx,1,1\n");
        assertTrue(assertThrows(IOException.class, () -> DeviceGroups.read(List.of(noColumn), 1))
                .getMessage().contains("no column 'orig_w'"));
        Path quoted = Files.writeString(dir.resolve("quoted.csv"), "id,orig_w,orig_h\n\"x,y\",1,1\n");
        assertTrue(assertThrows(IOException.class, () -> DeviceGroups.read(List.of(quoted), 1))
                .getMessage().contains("quoted"));
        Path zero = Files.writeString(dir.resolve("zero.csv"), "id,orig_w,orig_h\nx,0,5\n");
        assertTrue(assertThrows(IOException.class, () -> DeviceGroups.read(List.of(zero), 1))
                .getMessage().contains("line 2"));
    }

    @Test
    void restrictingToAFoldersPairsKeepsTheManifestsGroupsAndRefusesUnknownIds() {
        DeviceGroups g = DeviceGroups.of(frames("a", 4288, 2848, "b", 4288, 2848, "c", 500, 400), 2);
        DeviceGroups only = g.restrictedTo(List.of("a", "c"));
        assertEquals("4288x2848", only.groupOf("a"), "a group stays a group though fewer of its pairs are here");
        assertEquals(Map.of("4288x2848", List.of("a"), DeviceGroups.SMALL_FORMAT, List.of("c")), only.members());
        assertThrows(IllegalArgumentException.class, () -> g.restrictedTo(List.of("zz")));
    }
}
