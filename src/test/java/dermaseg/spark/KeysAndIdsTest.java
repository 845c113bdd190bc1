package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeysAndIdsTest {
    @Test
    void safeKeysNeverLeaveTheOutputPrefix() {
        assertEquals("ISIC_0000000.png", SafeKeys.fileName("ISIC_0000000", ".png"));
        for (String hostile : new String[] {"../../etc/passwd", "..", ".", "a/b", "a\\b", "", "x\u0000y", "é"}) {
            String key = SafeKeys.fileName(hostile, ".png");
            assertFalse(key.contains("/") || key.contains("\\"), key);
            assertFalse(key.startsWith("."), key);
            assertTrue(key.matches("[A-Za-z0-9._-]+\\.png"), key);
        }
        assertNotEquals(SafeKeys.fileName("a/b", ".png"), SafeKeys.fileName("a_b", ".png"),
                "sanitising must not make two ids share a key");
        assertTrue(SafeKeys.fileName("x".repeat(1000), ".png").length() <= 180);
    }

    @Test
    void imageIdsAreFileNamesWithoutExtension() {
        assertEquals("ISIC_0000000", FileIds.imageId("s3a://bucket/a/b/ISIC_0000000.jpg"));
        assertEquals("scan.v2", FileIds.imageId("file:/data/scan.v2.png"));
        assertEquals("noext", FileIds.imageId("noext"));
        assertEquals("IMG 001", FileIds.imageId("file:/data/IMG%20001.jpg"), "Spark lists escaped URIs");
        assertEquals("a+b%c", FileIds.imageId("s3a://b/a+b%25c.png"));
        assertEquals("100%", FileIds.imageId("/raw/100%.png"), "not an escape: kept as it is");
    }

    @Test
    void maskPatternsPairMasksWithTheirImagesFirstMatchWins() {
        FileIds ids = FileIds.of("{id}_segmentation.png, {id}.png");
        assertEquals("ISIC_1", ids.maskId("s3a://b/masks/ISIC_1_segmentation.png"));
        assertEquals("ISIC_2", ids.maskId("file:/m/ISIC_2.png"));
        assertNull(ids.maskId("file:/m/ISIC_3.jpg"));
        assertEquals(0, ids.maskPattern("file:/m/ISIC_4_segmentation.png"));
        assertEquals(1, ids.maskPattern("file:/m/ISIC_4.png"), "names the same id, but by a later pattern");
        assertEquals(-1, ids.maskPattern("file:/m/ISIC_3.jpg"));
        assertEquals("lesion", FileIds.of("mask-{id}.tif").maskId("mask-lesion.tif"));
        assertNull(FileIds.of("mask-{id}.tif").maskId("mask-.tif"), "an empty id is no id");
        assertThrows(IllegalArgumentException.class, () -> FileIds.of("no-placeholder.png"));
        assertThrows(IllegalArgumentException.class, () -> FileIds.of("{id}-{id}.png"));
    }
}
