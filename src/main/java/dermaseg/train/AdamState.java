package dermaseg.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * Saves and restores the state of DJL's {@link Adam}: each parameter's first and second moment
 * estimates and update count, and the optimizer's step count (which drives both the bias
 * correction and the learning-rate schedule, a pure function of it).
 *
 * <p>DJL cannot serialise an optimizer, and keeps this state in private fields. It is read here
 * through reflection rather than replacing the optimizer with an Adam of our own, because DJL's
 * update is one fused engine kernel: our own would round differently, so training, resumed or not,
 * would no longer compute what it computed before (the shipped model's README command would stop
 * reproducing it). The fields are looked up when the trainer starts, so a DJL upgrade that renames
 * them fails at once with a clear message, not after the first epoch; DJL is pinned in the pom.
 *
 * <p>The state is keyed by DJL's parameter ids, which are new random ids in every JVM; the saved
 * form names each parameter by its path in the block instead, which is the same for the same
 * architecture.
 */
final class AdamState {
    private final Map<String, Map<Device, NDArray>> means;
    private final Map<String, Map<Device, NDArray>> variances;
    private final Map<String, Integer> updateCounts;
    private final Optimizer optimizer;
    private final Field stepCount;

    private AdamState(Adam adam) {
        this.optimizer = adam;
        this.means = field(Adam.class, "means", adam);
        this.variances = field(Adam.class, "variances", adam);
        this.updateCounts = field(Optimizer.class, "updateCounts", adam);
        this.stepCount = accessible(Optimizer.class, "numUpdate");
    }

    /** Access to {@code adam}'s state; fails now if this DJL keeps it elsewhere. */
    static AdamState of(Adam adam) {
        return new AdamState(adam);
    }

    /** The state as bytes: the step count, then each parameter that has been updated. */
    byte[] save(ParameterList parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(stepCount());
            int updated = 0;
            for (Pair<String, Parameter> p : parameters) {
                if (updateCounts.containsKey(p.getValue().getId())) {
                    updated++;
                }
            }
            out.writeInt(updated);
            for (Pair<String, Parameter> p : parameters) {
                String id = p.getValue().getId();
                Integer count = updateCounts.get(id);
                if (count == null) {
                    continue;  // running statistics and frozen parameters have no optimizer state
                }
                Device device = p.getValue().getArray().getDevice();
                out.writeUTF(p.getKey());
                out.writeInt(count);
                writeArray(out, means.get(id).get(device));
                writeArray(out, variances.get(id).get(device));
            }
        }
        return bytes.toByteArray();
    }

    /**
     * Puts saved state back, before the first step: each moment goes beside its parameter, on its
     * device, owned by {@code manager} (which must outlive training).
     */
    void restore(byte[] saved, ParameterList parameters, NDManager manager) throws IOException {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : parameters) {
            byName.put(p.getKey(), p.getValue());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            int steps = in.readInt();
            int updated = in.readInt();
            for (int i = 0; i < updated; i++) {
                String name = in.readUTF();
                Parameter parameter = byName.get(name);
                if (parameter == null) {
                    throw new IOException("optimizer state for a parameter this network does not have: " + name);
                }
                int count = in.readInt();
                Device device = parameter.getArray().getDevice();
                String id = parameter.getId();
                updateCounts.put(id, count);
                means.computeIfAbsent(id, k -> new HashMap<>()).put(device, readArray(in, manager, device));
                variances.computeIfAbsent(id, k -> new HashMap<>()).put(device, readArray(in, manager, device));
            }
            setStepCount(steps);
        }
    }

    private int stepCount() {
        try {
            return stepCount.getInt(optimizer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setStepCount(int steps) {
        try {
            stepCount.setInt(optimizer, steps);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] encoded = array.encode();
        out.writeInt(encoded.length);
        out.write(encoded);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager, Device device) throws IOException {
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        return manager.decode(encoded).toDevice(device, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Class<?> owner, String name, Object instance) {
        try {
            return (T) accessible(owner, name).get(instance);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field accessible(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("this DJL's " + owner.getSimpleName() + " keeps no field '" + name
                    + "': training checkpoints need Adam's state (see AdamState)", e);
        }
    }
}
