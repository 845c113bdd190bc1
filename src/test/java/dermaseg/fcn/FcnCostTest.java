package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The counter against answers worked out by hand. */
class FcnCostTest {
    @BeforeAll
    static void offline() {
        DjlRuntime.ensureOffline();
    }

    private static FcnCost costOf(SequentialBlock block, Shape input) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            block.initialize(manager, DataType.FLOAT32, input);
            return FcnCost.of(block);
        }
    }

    @Test
    void oneConvolutionIsOutputsTimesInputsTimesKernel() {
        // 3 -> 8 channels, 3x3, padded, on 10x12: 8·10·12 outputs × 3·9 = 25,920 MACs; 8·3·9 + 8 parameters.
        SequentialBlock conv = new SequentialBlock().add(Conv2d.builder()
                .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build());
        assertEquals(new FcnCost(224, 25_920), costOf(conv, new Shape(1, 3, 10, 12)));
        // The batch does not change the per-image figure.
        assertEquals(25_920, costOf(new SequentialBlock().add(Conv2d.builder()
                .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build()),
                new Shape(4, 3, 10, 12)).multiplyAccumulates());
    }

    @Test
    void aSmallNetworkByHand() {
        // 16x16 input, 4 channels:
        //   depthwise 3x3, unpadded, groups 4: 4·14·14 outputs × 1·9          =  7,056
        //   pointwise 1x1, 4 -> 6:             6·14·14 × 4                    =  4,704
        //   max pool 2x2: not counted; 7x7 left
        //   strided 3x3, 6 -> 2, stride 2, pad 1: 2·4·4 outputs × 6·9         =  1,728
        // total 13,488; parameters 4·9 + (6·4 + 6) + (2·6·9 + 2) = 36 + 30 + 110 = 176.
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optGroups(4).setFilters(4).optBias(false)
                        .build())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(6).build())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(2).build());
        assertEquals(new FcnCost(176, 13_488), costOf(net, new Shape(1, 4, 16, 16)));
    }

    @Test
    void theShippedUNetAt160() {
        // Encoder (channels 16-32-64-128-128 at 160, 80, 40, 20, 10 px), 9 MACs per input channel:
        //   160²·9·(3·16 + 16·16) + 80²·9·(16·32 + 32·32) + 40²·9·(32·64 + 64·64)
        //   + 20²·9·(64·128 + 128·128) + 10²·9·(128·128·2)                        = 364,953,600
        // Decoder, per stage s at side d with C_s channels and C_{s+1} coming up:
        //   enlarge, 3x3 C_{s+1} -> C_s; 3x3 2C_s -> C_s; 3x3 C_s -> C_s          = 1,120,665,600
        // Head 1x1 16 -> 1 at 160²                                                 =     409,600
        FcnCost cost = FcnCost.of(FcnConfig.builder().build());
        assertEquals(364_953_600L + 1_120_665_600L + 409_600L, cost.multiplyAccumulates());
        assertEquals(1_425_537, cost.parameters(), "the shipped card's parameterCount");
    }

    @Test
    void aHadamardUnitCostsItsTenConvolutions() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            GroupHadamardBlock unit = new GroupHadamardBlock(8, 12, 1);
            unit.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 16, 16));
            // Quarter 2 at 16x16. Plane map: depthwise 3x3 2·256·9, pointwise 2·256·2. Row and
            // column maps: depthwise 3 long 2·16·3, pointwise 2·16·2, each. Fourth group:
            // pointwise 2·256·2, depthwise 3x3 2·256·9. Mixer: depthwise 3x3 8·256·9, pointwise
            // 8 -> 12 at 256 px: 12·256·8.
            long expected = 2 * 256 * 9 + 2 * 256 * 2 + 2 * (2 * 16 * 3 + 2 * 16 * 2) + 2 * 256 * 2 + 2 * 256 * 9
                    + 8 * 256 * 9 + 12 * 256 * 8;
            assertEquals(expected, FcnCost.of(unit).multiplyAccumulates());
            // Grids 2·64 + 2·8 + 2·8; refiners' weights and biases; the fourth group's and the
            // mixer's convolutions, bias-free, and their norms' four arrays each.
            long grids = 2 * 64 + 2 * 8 + 2 * 8;
            long refiners = (2 * 9 + 2) + (2 * 2 + 2) + 2 * ((2 * 3 + 2) + (2 * 2 + 2));
            long local = 2 * 2 + 4 * 2 + 2 * 9;
            long mixer = 8 * 9 + 4 * 8 + 12 * 8 + 4 * 12;
            assertEquals(grids + refiners + local + mixer, FcnCost.of(unit).parameters());
        }
    }

    @Test
    void theGateCostsItsTwoSmallConvolutions() {
        FcnConfig plain = FcnConfig.builder().workingSize(32).widths(List.of(8, 16)).blockKind(BlockKind.SEPARABLE)
                .build();
        long gated = FcnCost.of(plain.toBuilder().attention(true).build()).multiplyAccumulates();
        // One skip, 8 channels at 32x32: channel mixer 8 outputs × 3; spatial mixer 32² outputs × 2·49.
        assertEquals(8 * 3 + 32 * 32 * 2 * 49, gated - FcnCost.of(plain).multiplyAccumulates());
    }
}
