package dermaseg.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3-compatible server for tests: S3Proxy with its filesystem blob store, in a child JVM
 * on 127.0.0.1 (in the test JVM its Jetty and libraries would clash with Spark's). The jar is
 * copied to {@code <build folder>/s3proxy/} by the build.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "dermaseg-test-access";
    public static final String SECRET_KEY = "dermaseg-test-secret-do-not-log";

    private Process process;
    private final int port;
    private final Path storage;
    private final Path properties;
    private final Path log;

    private S3ProxyServer(int port, Path storage, Path properties, Path log) {
        this.port = port;
        this.storage = storage;
        this.properties = properties;
        this.log = log;
    }

    /** Starts a server holding the given (empty) buckets; waits until it accepts connections. */
    public static S3ProxyServer start(Path work, List<String> buckets) throws IOException, InterruptedException {
        Path jar = proxyJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven");
        }
        Path storage = Files.createDirectories(work.resolve("s3-storage"));
        for (String bucket : buckets) {
            Files.createDirectories(storage.resolve(bucket));
        }
        int port = freePort();
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", storage.toAbsolutePath().toString());
        Path props = work.resolve("s3proxy.properties");
        try (var out = Files.newOutputStream(props)) {
            p.store(out, "dermaseg test S3Proxy");
        }
        S3ProxyServer server = new S3ProxyServer(port, storage, props, work.resolve("s3proxy.log"));
        server.resume();
        return server;
    }

    /** Stops the server, as an outage would: connections are refused until {@link #resume}. */
    public synchronized void stop() {
        close();
    }

    private static Path proxyJar() {
        return ChildJvm.buildFolder().resolve("s3proxy/s3proxy.jar");
    }

    /** Starts the server again on the same port, with the same store; waits until it accepts connections. */
    public synchronized void resume() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar",
                proxyJar().toAbsolutePath().toString(),
                "--properties", properties.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the blob store keeps objects: {@code storage/<bucket>/<key>}. */
    public Path storage() {
        return storage;
    }

    /** S3A settings that point a Hadoop configuration at this server. */
    public void configure(Configuration conf) {
        conf.set("fs.s3a.endpoint", endpoint());
        conf.set("fs.s3a.endpoint.region", "us-east-1");
        conf.set("fs.s3a.path.style.access", "true");
        conf.set("fs.s3a.connection.ssl.enabled", "false");
        conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        conf.set("fs.s3a.access.key", ACCESS_KEY);
        conf.set("fs.s3a.secret.key", SECRET_KEY);
        conf.set("fs.s3a.change.detection.mode", "none");
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
    }

    /**
     * Uploads the first {@code count} bundled samples through S3A: images to
     * {@code s3a://<bucket>/images/}, their masks to {@code s3a://<bucket>/masks/}.
     *
     * @return the bucket's file system, for further files
     */
    public FileSystem uploadSamples(Configuration conf, String bucket, int count) throws IOException {
        String root = "s3a://" + bucket + "/";
        FileSystem fs = new org.apache.hadoop.fs.Path(root).getFileSystem(conf);
        for (Path image : Samples.images().subList(0, count)) {
            Path mask = Samples.maskOf(image);
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(image.toUri()),
                    new org.apache.hadoop.fs.Path(root + "images/" + image.getFileName()));
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(mask.toUri()),
                    new org.apache.hadoop.fs.Path(root + "masks/" + mask.getFileName()));
        }
        return fs;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("S3Proxy did not start within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
