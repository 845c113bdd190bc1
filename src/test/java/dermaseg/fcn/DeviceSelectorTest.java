package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {
    @Test
    void noAssignedGpuMeansCpuEvenWhenGpusExist() {
        assertEquals(Device.cpu(), DeviceSelector.select(null, 4));
        assertEquals(Device.cpu(), DeviceSelector.select(new String[0], 4));
    }

    @Test
    void assignedGpuIsUsedByOrdinal() {
        assertEquals(Device.gpu(2), DeviceSelector.select(new String[] {"2"}, 4));
        assertEquals(Device.gpu(0), DeviceSelector.select(new String[] {" 0 ", "1"}, 2));
    }

    @Test
    void assignedGpuWithoutCudaEngineFallsBackToCpu() {
        assertEquals(Device.cpu(), DeviceSelector.select(new String[] {"0"}, 0));
    }

    @Test
    void impossibleAssignmentsFailLoudly() {
        assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select(new String[] {"3"}, 2));
        assertThrows(IllegalArgumentException.class, () -> DeviceSelector.select(new String[] {"GPU-1f2e"}, 2));
    }
}
