package dermaseg.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dermaseg.fcn.BlockKind;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.FcnCost;
import dermaseg.fcn.LesionFcn;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Forward time per image of FCN architectures with random (untrained) weights, so that a
 * candidate can be chosen by cost before it is trained. Per network: parameters, GFLOP (10⁹
 * convolution MACs, see {@link FcnCost}) and milliseconds per image, batch 1, as trained
 * ("plain") and folded as {@code FcnModel} runs it (batch norms into the convolutions, Hadamard
 * weight maps computed once), at each PyTorch intra-op thread count. A plain main class (JMH is
 * not a project dependency).
 *
 * <pre>
 * FcnArchBenchmark [--sizes 192,256] [--threads 1,2] [--runs 15] [--warmup 3] [SPEC...]
 * SPEC: KIND:WIDTHS[:attention][:tN][:hN][:undilated][@SIZE]
 *   KIND     double-conv, separable or inverted-residual
 *   WIDTHS   channels per stage, e.g. 16,24,32,48,64; "default" for base 16 doubled, depth 5
 *   tN       the inverted residual's expansion (default 4)
 *   hN       the N deepest stages built from Hadamard attention units
 *   undilated no atrous convolutions in the deepest stage
 *   @SIZE    this working size only, instead of every --sizes
 * No SPEC: today's U-Net at 160 and a set of light candidates.
 * </pre>
 *
 * <p>The timed rounds are interleaved (every network once per round) so that load from other work
 * on the machine falls on all alike; the figures are medians over rounds. With one thread the
 * forward pass runs on the calling thread, so its thread CPU time is printed too: it ignores
 * time spent descheduled on a busy machine.
 */
public final class FcnArchBenchmark {
    private static final List<String> DEFAULT_SPECS = List.of(
            "double-conv:default@160",
            "double-conv:8,16,32,64,64",
            "double-conv:8,16,24,32,48",
            "separable:16,24,32,48,64",
            "separable:16,24,32,48,64:attention",
            "separable:8,16,24,32,48",
            "separable:8,16,24,32,48:attention",
            "separable:8,16,32,64,128",
            "separable:8,16,32,64,128:h2",
            "inverted-residual:8,12,16,24,32:t4",
            "inverted-residual:8,16,24,32,48:t3",
            "inverted-residual:16,24,32,48,64:t2");

    /** One network to time, twice: as trained, and folded. */
    private record Candidate(FcnConfig config, FcnCost cost, LesionFcn plain, LesionFcn folded,
            List<List<Double>> plainMs, List<List<Double>> foldedMs, List<Double> foldedCpuMs) {
    }

    private FcnArchBenchmark() {
    }

    public static void main(String[] args) {
        List<Integer> sizes = List.of(192, 256);
        List<Integer> threads = List.of(1, 2);
        int runs = 15;
        int warmup = 3;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[++i]);
                case "--threads" -> threads = ints(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> specs.add(args[i]);
            }
        }
        if (specs.isEmpty()) {
            specs.addAll(DEFAULT_SPECS);
        }
        DjlRuntime.ensureOffline();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<Candidate> candidates = new ArrayList<>();
            for (String spec : specs) {
                for (FcnConfig config : configs(spec, sizes)) {
                    candidates.add(build(config, manager, threads.size()));
                }
            }
            System.out.printf(Locale.ROOT, "%d networks, batch 1, %d warm-up and %d timed rounds, grad mode %s, "
                    + "PyTorch inter-op threads %d%n", candidates.size(), warmup, runs, JniUtils.isGradMode(),
                    JniUtils.getNumInteropThreads());
            ParameterStore store = new ParameterStore(manager, false);
            for (int t = 0; t < threads.size(); t++) {
                JniUtils.setNumThreads(threads.get(t));
                for (int round = -warmup; round < runs; round++) {
                    for (Candidate c : candidates) {
                        double plainMs = time(c.plain(), c.config(), store, manager, cpu)[0];
                        double[] folded = time(c.folded(), c.config(), store, manager, cpu);
                        if (round >= 0) {
                            c.plainMs().get(t).add(plainMs);
                            c.foldedMs().get(t).add(folded[0]);
                            if (threads.get(t) == 1) {
                                c.foldedCpuMs().add(folded[1]);
                            }
                        }
                    }
                }
            }
            print(candidates, threads);
        }
    }

    private static Candidate build(FcnConfig config, NDManager manager, int threadCounts) {
        int size = config.workingSize();
        LesionFcn plain = LesionFcn.of(config);
        plain.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
        LesionFcn folded = LesionFcn.of(config);
        folded.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
        folded.foldBatchNorms();
        folded.foldWeightMaps();
        List<List<Double>> plainMs = new ArrayList<>();
        List<List<Double>> foldedMs = new ArrayList<>();
        for (int t = 0; t < threadCounts; t++) {
            plainMs.add(new ArrayList<>());
            foldedMs.add(new ArrayList<>());
        }
        return new Candidate(config, FcnCost.of(plain), plain, folded, plainMs, foldedMs, new ArrayList<>());
    }

    /** Wall and thread-CPU milliseconds of one forward pass of one random image. */
    private static double[] time(LesionFcn network, FcnConfig config, ParameterStore store, NDManager manager,
            ThreadMXBean cpu) {
        int size = config.workingSize();
        float[] pixels = new float[3 * size * size];
        Random random = new Random(size);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(pixels, new Shape(1, 3, size, size));
            long cpu0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            NDArray y = network.forward(store, new NDList(x), false).singletonOrThrow();
            y.toFloatArray();
            return new double[] {(System.nanoTime() - t0) / 1e6, (cpu.getCurrentThreadCpuTime() - cpu0) / 1e6};
        }
    }

    private static List<FcnConfig> configs(String spec, List<Integer> sizes) {
        String body = spec;
        List<Integer> specSizes = sizes;
        int at = spec.indexOf('@');
        if (at >= 0) {
            specSizes = List.of(Integer.parseInt(spec.substring(at + 1)));
            body = spec.substring(0, at);
        }
        String[] parts = body.split(":");
        FcnConfig.Builder b = FcnConfig.builder().blockKind(BlockKind.fromCardName(parts[0]));
        if (parts.length > 1 && !parts[1].equals("default")) {
            b.widths(ints(parts[1]));
        }
        for (String flag : Arrays.copyOfRange(parts, Math.min(2, parts.length), parts.length)) {
            if (flag.equals("attention")) {
                b.attention(true);
            } else if (flag.equals("undilated")) {
                b.dilatedBottleneck(false);
            } else if (flag.matches("t\\d+")) {
                b.expansion(Integer.parseInt(flag.substring(1)));
            } else if (flag.matches("h\\d+")) {
                b.hadamardStages(Integer.parseInt(flag.substring(1)));
            } else {
                throw new IllegalArgumentException("unknown flag '" + flag + "' in " + spec);
            }
        }
        List<FcnConfig> out = new ArrayList<>();
        for (int size : specSizes) {
            out.add(b.workingSize(size).build());
        }
        return out;
    }

    private static void print(List<Candidate> candidates, List<Integer> threads) {
        StringBuilder head = new StringBuilder("| kind | widths | att | t | hadamard | size | params | GFLOP |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|---|---|");
        for (int n : threads) {
            head.append(" ms ").append(n).append("T plain | ms ").append(n).append("T folded |");
            rule.append("---|---|");
        }
        head.append(" cpu ms 1T folded |");
        rule.append("---|");
        System.out.println(head);
        System.out.println(rule);
        for (Candidate c : candidates) {
            FcnConfig f = c.config();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %d | %,d | %.3f |",
                    f.blockKind(), f.widths().isEmpty() ? "base " + f.baseChannels() : joined(f.widths()),
                    f.attention() ? "yes" : "", f.blockKind() == BlockKind.INVERTED_RESIDUAL ? f.expansion() : "",
                    f.hadamardStages() > 0 ? f.hadamardStages() : "", f.workingSize(), c.cost().parameters(),
                    c.cost().gflop()));
            for (int t = 0; t < threads.size(); t++) {
                row.append(String.format(Locale.ROOT, " %.1f | %.1f |", median(c.plainMs().get(t)),
                        median(c.foldedMs().get(t))));
            }
            row.append(c.foldedCpuMs().isEmpty() ? " |" : String.format(Locale.ROOT, " %.1f |",
                    median(c.foldedCpuMs())));
            System.out.println(row);
        }
    }

    private static String joined(List<Integer> widths) {
        return String.join("-", widths.stream().map(String::valueOf).toList());
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(Integer::parseInt).toList();
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
