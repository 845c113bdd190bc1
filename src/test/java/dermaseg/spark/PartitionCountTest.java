package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PartitionCountTest {

    @Test
    void partitionsFillWholeWavesOfTaskSlots() {
        assertEquals(16, Partitions.of(null, 240, 16, 2), "15 by target would leave the last wave half idle");
        assertEquals(4, Partitions.of(null, 240, 64, 2));
        assertEquals(8, Partitions.of(null, 100, 64, 8), "small inputs still use every slot");
    }

    @Test
    void neverMorePartitionsThanImagesNorFewerThanOne() {
        assertEquals(3, Partitions.of(null, 3, 64, 4));
        assertEquals(1, Partitions.of(null, 0, 64, 4));
        assertEquals(1, Partitions.of(null, 1, 64, 1));
    }
}
