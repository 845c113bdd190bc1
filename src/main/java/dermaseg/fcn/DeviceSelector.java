package dermaseg.fcn;

import ai.djl.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where FCN inference runs. Spark decides which GPU a task may use (its
 * {@code TaskContext.resources().get("gpu")} addresses, from the
 * {@code spark.executor/task.resource.gpu.*} settings); this class only obeys, so that two
 * tasks never fight over one card and a task never takes a card Spark did not give it.
 *
 * <p>Rules: no GPU assigned → CPU. A GPU assigned and the engine sees GPUs → the first assigned
 * address, as a CUDA ordinal. A GPU assigned but the engine sees none (CPU natives on a GPU
 * node, or a driver problem) → CPU, with a warning, rather than a failed task.
 */
public final class DeviceSelector {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    private DeviceSelector() {
    }

    /**
     * @param assignedGpuAddresses the task's GPU addresses (empty or null when none)
     * @param engineGpuCount       GPUs visible to the DJL engine ({@code Engine.getGpuCount()})
     */
    public static Device select(String[] assignedGpuAddresses, int engineGpuCount) {
        if (assignedGpuAddresses == null || assignedGpuAddresses.length == 0) {
            return Device.cpu();
        }
        String address = assignedGpuAddresses[0].trim();
        int ordinal;
        try {
            ordinal = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPU address '" + address
                    + "' is not a CUDA ordinal; check spark.executor.resource.gpu.discoveryScript");
        }
        if (engineGpuCount <= 0) {
            LOG.warn("Spark assigned GPU " + address + " but the PyTorch engine sees no GPU "
                    + "(CPU natives? build with -Pgpu); running on the CPU");
            return Device.cpu();
        }
        if (ordinal < 0 || ordinal >= engineGpuCount) {
            throw new IllegalArgumentException("Spark assigned GPU " + ordinal
                    + " but the engine sees only " + engineGpuCount
                    + " (is CUDA_VISIBLE_DEVICES remapping ordinals?)");
        }
        return Device.gpu(ordinal);
    }
}
