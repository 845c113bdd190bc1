package dermaseg.faults;

import dermaseg.spark.PrepareTrainingJob;
import dermaseg.spark.SegmentJob;
import dermaseg.testing.ChildJvm;
import dermaseg.testing.DeltaFiles;
import dermaseg.testing.S3ProxyServer;
import dermaseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The fault check ({@code scripts/check-faults}, a command, not a test): the incremental segment
 * job and prepare-training, each in JVMs of their own, under the faults they must survive, with
 * the tables read back afterwards by an independent reader (Delta Kernel and DuckDB):
 *
 * <ul>
 *   <li>{@code executors}: executor JVMs of a {@code local-cluster} killed with SIGKILL mid-stage;</li>
 *   <li>{@code driver}: the driver killed at random moments, the same command run again until it
 *       finishes;</li>
 *   <li>{@code s3-20s}, {@code s3-3min}: the S3 server (S3Proxy) stopped that long once the first
 *       batch is committed, images read from and tables written to it;</li>
 *   <li>{@code s3-dead}: the S3 server stopped for good: how long until the job fails, and how it
 *       says so;</li>
 *   <li>{@code prepare-driver}, {@code prepare-s3-20s}, {@code prepare-s3-3min}: the same for
 *       prepare-training.</li>
 * </ul>
 *
 * Each prints inputs, rows in the table, distinct keys, work done more than once (counted from
 * the executors' audit log lines), error rows by reason and wall time; a scenario passes when
 * rows = distinct keys = inputs and the re-work is at most one commit batch per kill (plus, for
 * executor kills, the partitions those executors were running).
 *
 * <pre>FaultCheck [--images DIR --masks DIR] [--count 200] [--commit-every 20] [--only a,b] [--work DIR]</pre>
 */
public final class FaultCheck {
    /** The audit loggers' lines, as conf/log4j2.properties lays them out ("... segmented: segmented <id> <status>"). */
    private static final Pattern SEGMENTED = Pattern.compile("segmented: segmented (\\S+) (\\S+)$");
    private static final Pattern PREPARED = Pattern.compile("prepared: prepared (\\S+)$");

    private final Path work;
    private final Path images;
    private final Path masks;
    private final int count;
    private final int commitEvery;
    private final Path auditLogging;
    private final Random random = new Random(20261201);

    private FaultCheck(Path work, Path images, Path masks, int count, int commitEvery) throws IOException {
        this.work = work;
        this.images = images;
        this.masks = masks;
        this.count = count;
        this.commitEvery = commitEvery;
        String logging = Files.readString(Path.of("conf/log4j2.properties"))
                .replace("logger.audit.level = warn", "logger.audit.level = info");
        this.auditLogging = Files.writeString(work.resolve("log4j2-audit.properties"), logging);
    }

    /** One scenario's outcome, as a row of the printed table. */
    record Result(String scenario, long inputs, long rows, long keys, long reworked, long allowedRework,
            Map<String, Long> errors, double wallSeconds, int kills, String note, boolean passed) {
    }

    public static void main(String[] args) throws Exception {
        Path images = null;
        Path masks = null;
        int count = 200;
        int commitEvery = 20;
        List<String> only = new ArrayList<>();
        Path work = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Path.of(args[++i]);
                case "--masks" -> masks = Path.of(args[++i]);
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--commit-every" -> commitEvery = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        work = work != null ? Files.createDirectories(work) : Files.createTempDirectory("dermaseg-faults-");
        FaultCheck check = new FaultCheck(work, images, masks, count, commitEvery);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("executors", check::executorKills);
        scenarios.put("driver", check::driverKills);
        scenarios.put("s3-20s", () -> check.s3Outage("s3-20s", SegmentJob.class, Duration.ofSeconds(20)));
        scenarios.put("s3-3min", () -> check.s3Outage("s3-3min", SegmentJob.class, Duration.ofMinutes(3)));
        scenarios.put("s3-dead", check::s3Dead);
        scenarios.put("prepare-driver", check::prepareDriverKills);
        scenarios.put("prepare-s3-20s", () -> check.s3Outage("prepare-s3-20s", PrepareTrainingJob.class,
                Duration.ofSeconds(20)));
        scenarios.put("prepare-s3-3min", () -> check.s3Outage("prepare-s3-3min", PrepareTrainingJob.class,
                Duration.ofMinutes(3)));
        System.out.printf(Locale.ROOT, "fault check in %s: %d pairs, commits of %d%n", work, count, commitEvery);
        List<Result> results = new ArrayList<>();
        for (Map.Entry<String, Scenario> s : scenarios.entrySet()) {
            if (only.isEmpty() || only.contains(s.getKey())) {
                System.out.println("== " + s.getKey());
                Result r = s.getValue().run();
                System.out.println("   " + r);
                results.add(r);
            }
        }
        print(results);
        System.exit(results.stream().allMatch(Result::passed) ? 0 : 1);
    }

    private interface Scenario {
        Result run() throws Exception;
    }

    // ---- the corpus ----

    /** {@code count} image and mask pairs under {@code folder}: the given folders' first ones, or the samples repeated. */
    private Path corpus(String name) throws IOException {
        Path folder = work.resolve(name + "/corpus");
        Path in = Files.createDirectories(folder.resolve("images"));
        Path out = Files.createDirectories(folder.resolve("masks"));
        List<Path> sources = new ArrayList<>();
        if (images != null) {
            try (Stream<Path> s = Files.list(images)) {
                sources.addAll(s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(count).toList());
            }
        }
        List<Path> samples = Samples.images();
        for (int i = 0; sources.size() < count; i++) {
            sources.add(samples.get(i % samples.size()));
        }
        for (int i = 0; i < count; i++) {
            Path image = sources.get(i);
            String id = images != null && image.startsWith(images)
                    ? image.getFileName().toString().replace(".jpg", "")
                    : String.format(Locale.ROOT, "copy%04d_%s", i, image.getFileName().toString().replace(".jpg", ""));
            Path mask = images != null && image.startsWith(images) ? masks.resolve(id + ".png") : Samples.maskOf(image);
            Files.copy(image, in.resolve(id + ".jpg"));
            Files.copy(mask, out.resolve(id + "_segmentation.png"));
        }
        return folder;
    }

    private String[] segmentArgs(String input, String masksUri, String output) {
        return new String[] {"--input", input, "--masks", masksUri, "--output", output, "--incremental",
            "--commit-every", Integer.toString(commitEvery), "--batch-size", "4", "--images-per-partition", "10"};
    }

    private String[] prepareArgs(String input, String masksUri, String output) {
        return new String[] {"--images", input, "--masks", masksUri, "--output", output,
            "--commit-every", Integer.toString(commitEvery), "--images-per-partition", "10"};
    }

    // ---- the scenarios ----

    private Result executorKills() throws Exception {
        Path folder = corpus("executors");
        Path output = folder.resolve("out");
        Path sparkHome = Path.of(System.getenv().getOrDefault("SPARK_HOME", "target/standin-spark-home"));
        Path properties = properties(folder, Map.of(
                "spark.master", "local-cluster[2,1,2048]",
                "spark.executor.extraClassPath", ChildJvm.classpath(),
                "spark.executor.extraJavaOptions", String.join(" ", ChildJvm.inheritedFlags())
                        + " -Dai.djl.offline=true -Dlog4j2.configurationFile=" + auditLogging,
                "spark.executorEnv.OPT_OUT_TRACKING", "true",
                "spark.task.maxFailures", "8"));
        long t0 = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        // Batches of half the corpus: the executors spend their time in tasks, where a kill must land.
        String[] args = segmentArgs(folder.resolve("images").toString(), folder.resolve("masks").toString(),
                output.toString());
        args[Arrays.asList(args).indexOf("--commit-every") + 1] = Integer.toString(Math.max(commitEvery, count / 2));
        Process driver = start(SegmentJob.class, folder.resolve("driver-1.log"), properties, Map.of("SPARK_HOME",
                sparkHome.toAbsolutePath().toString(), "SPARK_SCALA_VERSION", "2.13"), args);
        int kills = 0;
        Path workDir = sparkHome.resolve("work");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (driver.isAlive() && audited(executorLogs(workDir, startedMillis), SEGMENTED).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        for (int k = 0; k < 2 && driver.isAlive(); k++) {
            Long busiest = busiestExecutor(workDir, startedMillis);
            if (busiest != null) {
                ProcessHandle.of(busiest).ifPresent(ProcessHandle::destroyForcibly);
                kills++;
                System.out.println("   killed executor JVM " + busiest);
            }
            Thread.sleep(8000 + random.nextInt(8000));
        }
        int exit = driver.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Path> logs = new ArrayList<>(List.of(folder.resolve("driver-1.log")));
        logs.addAll(executorLogs(sparkHome.resolve("work"), startedMillis));
        // Each kill costs the partition its executor was running (10 images) and, when the executor's
        // cached rows of the batch are lost with it, the rest of its share of that batch.
        long allowed = (long) kills * Math.max(commitEvery, count / 2);
        return segmentResult("executors", output, logs, wall, kills, allowed, exit == 0 ? "" : "driver exit " + exit);
    }

    private Result driverKills() throws Exception {
        Path folder = corpus("driver");
        Path output = folder.resolve("out");
        String[] args = segmentArgs(folder.resolve("images").toString(), folder.resolve("masks").toString(),
                output.toString());
        Path properties = properties(folder, Map.of());
        Attempts a = untilDone(SegmentJob.class, folder, properties, args, output.resolve("masks/_delta_log"), 4);
        return segmentResult("driver", output, a.logs(), a.wallSeconds(), a.kills(), (long) a.kills() * commitEvery,
                a.note());
    }

    private Result prepareDriverKills() throws Exception {
        Path folder = corpus("prepare-driver");
        Path output = folder.resolve("dataset");
        String[] args = prepareArgs(folder.resolve("images").toString(), folder.resolve("masks").toString(),
                output.toString());
        Attempts a = untilDone(PrepareTrainingJob.class, folder, properties(folder, Map.of()), args,
                output.resolve("pairs/_delta_log"), 4);
        return prepareResult("prepare-driver", output, a.logs(), a.wallSeconds(), a.kills(),
                (long) a.kills() * commitEvery, a.note());
    }

    /** The job with its store away for {@code outage} once its first batch is committed. */
    private Result s3Outage(String name, Class<?> job, Duration outage) throws Exception {
        Path folder = corpus(name);
        try (S3ProxyServer s3 = S3ProxyServer.start(folder, List.of("corpus", "results"))) {
            upload(s3, folder);
            Path properties = properties(folder, s3Settings(s3));
            boolean segment = job == SegmentJob.class;
            String output = "s3a://results/" + name;
            String[] args = segment ? segmentArgs("s3a://corpus/images/", "s3a://corpus/masks/", output)
                    : prepareArgs("s3a://corpus/images/", "s3a://corpus/masks/", output);
            Path table = s3.storage().resolve("results/" + name + (segment ? "/masks" : "/pairs"));
            long t0 = System.nanoTime();
            Process driver = start(job, folder.resolve("driver-1.log"), properties, Map.of(), args);
            awaitFile(table.resolve("_delta_log/00000000000000000001.json"), driver, Duration.ofMinutes(5));
            s3.stop();
            System.out.println("   S3 stopped for " + outage.toSeconds() + " s");
            long stopped = System.nanoTime();
            while (driver.isAlive() && System.nanoTime() - stopped < outage.toNanos()) {
                Thread.sleep(200);
            }
            s3.resume();
            int exit = driver.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            String note = exit == 0 ? "" : "exit " + exit + ": " + lastLine(folder.resolve("driver-1.log"));
            List<Path> logs = List.of(folder.resolve("driver-1.log"));
            // An outage may fail tasks that had made some rows, which are then made again: at most
            // the batch in flight. It must never cost a row.
            return segment ? segmentResult(name, table.getParent(), logs, wall, 0, commitEvery, note)
                    : prepareResult(name, table.getParent(), logs, wall, 0, commitEvery, note);
        }
    }

    /** The store stopped for good after the first commit: the job must fail, in bounded time, with its reason. */
    private Result s3Dead() throws Exception {
        Path folder = corpus("s3-dead");
        try (S3ProxyServer s3 = S3ProxyServer.start(folder, List.of("corpus", "results"))) {
            upload(s3, folder);
            Path properties = properties(folder, s3Settings(s3));
            Process driver = start(SegmentJob.class, folder.resolve("driver-1.log"), properties, Map.of(),
                    segmentArgs("s3a://corpus/images/", "s3a://corpus/masks/", "s3a://results/dead"));
            Path table = s3.storage().resolve("results/dead/masks");
            awaitFile(table.resolve("_delta_log/00000000000000000001.json"), driver, Duration.ofMinutes(5));
            s3.stop();
            long stopped = System.nanoTime();
            boolean ended = driver.waitFor(15, java.util.concurrent.TimeUnit.MINUTES);
            double untilFailure = (System.nanoTime() - stopped) / 1e9;
            if (!ended) {
                driver.destroyForcibly().waitFor();
            }
            int exit = ended ? driver.exitValue() : -1;
            String reason = lastLine(folder.resolve("driver-1.log"));
            boolean passed = ended && exit != 0 && untilFailure < 10 * 60;
            System.out.printf(Locale.ROOT, "   failed %.0f s after the store stopped, exit %d: %s%n", untilFailure,
                    exit, reason);
            return new Result("s3-dead", count, -1, -1, 0, 0, Map.of(), untilFailure, 0,
                    String.format(Locale.ROOT, "exit %d after %.0f s: %s", exit, untilFailure, reason), passed);
        }
    }

    // ---- running and killing ----

    private record Attempts(List<Path> logs, double wallSeconds, int kills, String note) {
    }

    /**
     * Runs the command, killing its JVM up to {@code maxKills} times, then lets it finish: the way
     * a scheduler retries a job whose driver died. Each kill comes at a random moment of a batch in
     * flight: 0 to 8 s after the attempt's first commit to the table whose log is {@code log}
     * (until then, the attempt is still starting up, and a kill would cost nothing).
     */
    private Attempts untilDone(Class<?> job, Path folder, Path properties, String[] args, Path log, int maxKills)
            throws Exception {
        long t0 = System.nanoTime();
        List<Path> logs = new ArrayList<>();
        int kills = 0;
        for (int attempt = 1; ; attempt++) {
            Path driverLog = folder.resolve("driver-" + attempt + ".log");
            logs.add(driverLog);
            long commits = commits(log);
            long started = System.nanoTime();
            Process driver = start(job, driverLog, properties, Map.of(), args);
            if (kills < maxKills) {
                while (driver.isAlive() && commits(log) == commits) {
                    Thread.sleep(100);
                }
                long delay = random.nextInt(8_000);
                if (!driver.waitFor(delay, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    driver.destroyForcibly().waitFor();
                    kills++;
                    System.out.printf(Locale.ROOT, "   attempt %d killed after %.1f s%n", attempt,
                            (System.nanoTime() - started) / 1e9);
                    continue;
                }
            }
            int exit = driver.waitFor();
            if (exit == 0) {
                return new Attempts(logs, (System.nanoTime() - t0) / 1e9, kills, "");
            }
            return new Attempts(logs, (System.nanoTime() - t0) / 1e9, kills,
                    "exit " + exit + ": " + lastLine(driverLog));
        }
    }

    private Process start(Class<?> job, Path log, Path properties, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ChildJvm.inheritedFlags());
        command.addAll(List.of("-Xmx3g", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dlog4j2.configurationFile=" + auditLogging, "-Ddermaseg.spark.properties=" + properties,
                "-cp", ChildJvm.classpath(), job.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** conf/spark-defaults.conf with {@code extra} on top, as the job's properties file. */
    private Path properties(Path folder, Map<String, String> extra) throws IOException {
        StringBuilder s = new StringBuilder(Files.readString(Path.of("conf/spark-defaults.conf")));
        extra.forEach((k, v) -> s.append('\n').append(k).append(' ').append(v));
        return Files.writeString(folder.resolve("spark.conf"), s.append('\n').toString());
    }

    private static Map<String, String> s3Settings(S3ProxyServer s3) {
        Configuration conf = new Configuration(false);
        s3.configure(conf);
        Map<String, String> settings = new TreeMap<>();
        conf.forEach(e -> settings.put("spark.hadoop." + e.getKey(), e.getValue()));
        return settings;
    }

    private static void upload(S3ProxyServer s3, Path folder) throws IOException {
        Configuration conf = new Configuration();
        s3.configure(conf);
        FileSystem fs = new org.apache.hadoop.fs.Path("s3a://corpus/").getFileSystem(conf);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(folder.resolve("images").toUri()),
                new org.apache.hadoop.fs.Path("s3a://corpus/images"));
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(folder.resolve("masks").toUri()),
                new org.apache.hadoop.fs.Path("s3a://corpus/masks"));
    }

    /** Commits in a Delta log folder so far. */
    private static long commits(Path log) throws IOException {
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
        }
    }

    private static void awaitFile(Path file, Process driver, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /**
     * The running executor JVM that has segmented the most images of the application started
     * since {@code since}: one that is busy in a task, not one idle or still starting. Executors
     * are found in /proc (ProcessHandle cuts long command lines) by their {@code --executor-id},
     * which names their folder under the worker's work directory.
     */
    private static Long busiestExecutor(Path workDir, long since) throws IOException {
        Long busiest = null;
        int most = -1;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String cmdline;
            try {
                cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ');
            } catch (IOException | RuntimeException gone) {
                continue;
            }
            Matcher id = Pattern.compile("CoarseGrainedExecutorBackend.* --executor-id (\\S+) .*--app-id (\\S+)")
                    .matcher(cmdline);
            if (!id.find()) {
                continue;
            }
            Path stderr = workDir.resolve(id.group(2)).resolve(id.group(1)).resolve("stderr");
            int done = Files.exists(stderr) ? audited(List.of(stderr), SEGMENTED).size() : 0;
            if (done > most) {
                most = done;
                busiest = p.pid();
            }
        }
        return busiest;
    }

    /** The stderr files of the executors of applications started since {@code since}. */
    private static List<Path> executorLogs(Path workDir, long since) throws IOException {
        List<Path> logs = new ArrayList<>();
        if (!Files.isDirectory(workDir)) {
            return logs;
        }
        try (Stream<Path> apps = Files.list(workDir)) {
            for (Path app : apps.toList()) {
                if (Files.getLastModifiedTime(app).toMillis() >= since - 1000) {
                    try (Stream<Path> files = Files.walk(app)) {
                        files.filter(f -> f.getFileName().toString().equals("stderr")).forEach(logs::add);
                    }
                }
            }
        }
        return logs;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    // ---- reading the results ----

    /** Audit lines of {@code pattern} in {@code logs}: image id → how many times the work was done. */
    private static Map<String, Integer> audited(List<Path> logs, Pattern pattern) throws IOException {
        Map<String, Integer> times = new HashMap<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    times.merge(m.group(1), 1, Integer::sum);
                }
            }
        }
        return times;
    }

    private Result segmentResult(String name, Path output, List<Path> logs, double wall, int kills, long allowed,
            String note) throws Exception {
        long[] counts = query(output.resolve("masks"), "count(*), count(DISTINCT (image_id, model_version, "
                + "settings_hash))");
        Map<String, Long> errors = errors(output.resolve("masks"), "error");
        Map<String, Integer> audit = audited(logs, SEGMENTED);
        return result(name, counts, audit, errors, wall, kills, allowed, note);
    }

    private Result prepareResult(String name, Path output, List<Path> logs, double wall, int kills, long allowed,
            String note) throws Exception {
        long[] counts = query(output.resolve("pairs"), "count(*), count(DISTINCT id)");
        Map<String, Long> errors = errors(output.resolve("pairs"), "reason");
        Map<String, Integer> audit = audited(logs, PREPARED);
        return result(name, counts, audit, errors, wall, kills, allowed, note);
    }

    private Result result(String name, long[] counts, Map<String, Integer> audit, Map<String, Long> errors,
            double wall, int kills, long allowed, String note) {
        long reworked = audit.values().stream().mapToLong(n -> n - 1).sum();
        boolean passed = note.isEmpty() && counts[0] == count && counts[1] == count && reworked <= allowed
                && audit.size() == count;
        String why = note;
        if (note.isEmpty() && audit.size() != count) {
            why = "audit saw " + audit.size() + " distinct images";
        }
        return new Result(name, count, counts[0], counts[1], reworked, allowed, errors, wall, kills, why, passed);
    }

    private static long[] query(Path table, String select) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + select + " FROM read_parquet(" + DeltaFiles.duckDbList(table)
                        + ")")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static Map<String, Long> errors(Path table, String column) throws Exception {
        Map<String, Long> errors = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + column + ", count(*) FROM read_parquet("
                        + DeltaFiles.duckDbList(table) + ") WHERE " + column + " IS NOT NULL GROUP BY 1")) {
            while (rs.next()) {
                errors.put(rs.getString(1), rs.getLong(2));
            }
        }
        return errors;
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("| scenario | inputs | rows | distinct keys | done twice (allowed) | errors | kills | wall s | result |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %d (%d) | %s | %d | %.0f | %s |%n", r.scenario(),
                    r.inputs(), r.rows() < 0 ? "-" : Long.toString(r.rows()), r.keys() < 0 ? "-" : Long.toString(r.keys()),
                    r.reworked(), r.allowedRework(), r.errors().isEmpty() ? "none" : r.errors().toString(), r.kills(),
                    r.wallSeconds(), (r.passed() ? "pass" : "FAIL") + (r.note().isEmpty() ? "" : ": " + r.note()));
        }
    }
}
