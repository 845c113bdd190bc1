package dermaseg.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.FcnInput;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnPreprocessor;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.FloatMap;
import dermaseg.image.ImageDecoder;
import dermaseg.image.MatHandle;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a double-conv U-Net's parameters, a few prepared inputs and this JVM's CPU outputs for
 * them as raw little-endian float32 files plus a JSON index, for {@code scripts/gpu-check.py}:
 * the GPU machine has PyTorch but no Java, so the check rebuilds the same network there, first
 * proves it matches these outputs on the CPU, then compares CUDA with CPU and times it. The
 * check rebuilds only that block kind, so this exports {@value #MODEL} (the model the README's
 * GPU figures are of), not the shipped separable network.
 *
 * <pre>TorchExport OUTPUT_FOLDER [IMAGE_FOLDER [COUNT]]   (default: the bundled samples, all of them)</pre>
 */
public final class TorchExport {
    static final String MODEL = "bundled:unet-160";

    private TorchExport() {
    }

    public static void main(String[] args) throws Exception {
        DjlRuntime.ensureOffline();
        Path out = Path.of(args[0]);
        Path images = Path.of(args.length > 1 ? args[1] : "src/samples/isic2017/images");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        Files.createDirectories(out);
        try (FcnModel model = FcnModel.load(ModelLocation.of(MODEL), Device.cpu())) {
            List<Map<String, Object>> index = new ArrayList<>();
            long offset = 0;
            try (DataOutputStream params = stream(out.resolve("params.bin"))) {
                for (Pair<String, Parameter> p : model.block().getParameters()) {
                    NDArray array = p.getValue().getArray();
                    float[] values = array.toFloatArray();
                    write(params, values);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", p.getKey());
                    entry.put("shape", array.getShape().getShape());
                    entry.put("offset", offset);
                    index.add(entry);
                    offset += values.length;
                }
            }
            List<FcnInput> inputs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            ImageDecoder decoder = new ImageDecoder();
            try (Stream<Path> files = Files.list(images)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(count).toList()) {
                    try (MatHandle bgr = decoder.decode(Files.readAllBytes(f))) {
                        float[] chw = FcnPreprocessor.toInput(bgr.mat(), model.workingSize());
                        inputs.add(new FcnInput(chw, model.workingSize(), bgr.width(), bgr.height()));
                        ids.add(f.getFileName().toString());
                    }
                }
            }
            List<FloatMap> probabilities = model.predict(inputs);
            try (DataOutputStream in = stream(out.resolve("inputs.bin"));
                    DataOutputStream prob = stream(out.resolve("java_probabilities.bin"))) {
                for (int i = 0; i < inputs.size(); i++) {
                    write(in, inputs.get(i).chw());
                    write(prob, probabilities.get(i).data());
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("model", model.card().version);
            meta.put("architecture", model.card().architecture);
            meta.put("workingSize", model.workingSize());
            meta.put("images", ids);
            meta.put("parameters", index);
            meta.put("parameterValues", offset);
            Files.writeString(out.resolve("export.json"), new GsonBuilder().setPrettyPrinting().create().toJson(meta));
            System.out.printf("exported %d parameter arrays (%d values) and %d inputs to %s%n",
                    index.size(), offset, inputs.size(), out);
        }
    }

    private static DataOutputStream stream(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(raw, 1 << 20));
    }

    private static void write(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        out.write(b.array());
    }
}
