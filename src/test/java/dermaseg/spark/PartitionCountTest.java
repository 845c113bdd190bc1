package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PartitionCountTest {

    @Test
    void partitionsFillWholeWavesOfTaskSlots() {
        assertEquals(16, SegmentJob.partitionsFor(240, 16, 2), "15 by target would leave the last wave half idle");
        assertEquals(4, SegmentJob.partitionsFor(240, 64, 2));
        assertEquals(8, SegmentJob.partitionsFor(100, 64, 8), "small inputs still use every slot");
    }

    @Test
    void neverMorePartitionsThanImagesNorFewerThanOne() {
        assertEquals(3, SegmentJob.partitionsFor(3, 64, 4));
        assertEquals(1, SegmentJob.partitionsFor(0, 64, 4));
        assertEquals(1, SegmentJob.partitionsFor(1, 64, 1));
    }
}
