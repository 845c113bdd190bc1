package dermaseg.spark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dermaseg.fcn.DeviceSelector;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnModelCache;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.io.HadoopFiles;
import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.SegmenterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The model on an executor: resolved from the job's model spec ({@code bundled}, a local folder,
 * or a folder on any Hadoop file system such as {@code s3a://}, copied to local disk once per
 * JVM), placed on the device Spark assigned to the task, and loaded once per JVM through
 * {@link FcnModelCache}, so that every task on the executor shares it.
 */
public final class ExecutorModels {
    private static final Map<String, ModelLocation> REMOTE = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The shared model for the current task (or for the driver, outside a task). */
    public static FcnModel forCurrentTask(String modelSpec, Configuration conf) throws IOException {
        TaskContext task = TaskContext.get();
        DjlRuntime.ensureOffline();
        DjlRuntime.preferThreads(task == null ? Runtime.getRuntime().availableProcessors() : task.cpus());
        return FcnModelCache.get(resolve(modelSpec, conf), device(task));
    }

    /**
     * The FCN stage of the current task over the shared model, with its own predictor (the
     * caller closes it). A model that cannot be loaded is a broken configuration, not bad input:
     * it fails the task, and so the job, with the reason.
     */
    static GlobalStage openGlobalStage(String modelSpec, Configuration conf, SegmenterConfig config) {
        try {
            return new GlobalStage(forCurrentTask(modelSpec, conf), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model " + modelSpec, e);
        }
    }

    /** GPU addresses Spark gave the task, or none. */
    static String[] assignedGpus(TaskContext task) {
        if (task == null) {
            return new String[0];
        }
        ResourceInformation gpu = task.resourcesJMap().get("gpu");
        return gpu == null ? new String[0] : gpu.addresses();
    }

    private static Device device(TaskContext task) {
        String[] gpus = assignedGpus(task);
        return DeviceSelector.select(gpus, gpus.length == 0 ? 0 : Engine.getInstance().getGpuCount());
    }

    /** A local {@link ModelLocation} for a spec that may name a remote folder. */
    public static ModelLocation resolve(String spec, Configuration conf) throws IOException {
        if (ModelLocation.isBundled(spec)) {
            return ModelLocation.bundled(spec);
        }
        URI uri = URI.create(spec);
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return ModelLocation.folder(uri.getScheme() == null ? Path.of(spec) : Path.of(uri));
        }
        ModelLocation cached = REMOTE.get(spec);
        if (cached != null) {
            return cached;
        }
        synchronized (REMOTE) {
            cached = REMOTE.get(spec);
            if (cached == null) {
                cached = download(spec, conf);
                REMOTE.put(spec, cached);
            }
            return cached;
        }
    }

    /**
     * Copies a remote model folder's card and the parameters file it names into a new temporary
     * folder, deleted when the JVM exits. The card is read from the remote store, so its
     * {@code parametersFile} must be a plain file name: one with a path in it ({@code ../x},
     * {@code a/b}, an absolute path) is refused rather than written outside the folder.
     */
    static ModelLocation download(String folder, Configuration conf) throws IOException {
        Path local = Files.createTempDirectory("dermaseg-model-");
        local.toFile().deleteOnExit();  // registered first, so deleted last, once empty
        byte[] card = HadoopFiles.read(HadoopFiles.child(folder, ModelCard.FILE_NAME), conf, 16 << 20);
        Path cardFile = local.resolve(ModelCard.FILE_NAME);
        cardFile.toFile().deleteOnExit();
        Files.write(cardFile, card);
        String params = ModelCard.read(cardFile).parametersFile;
        if (!isPlainFileName(params)) {
            throw new IOException("model card of " + folder + " names parametersFile '" + params
                    + "'; it must be a plain file name in the model folder");
        }
        Path paramsFile = local.resolve(params);
        paramsFile.toFile().deleteOnExit();
        Files.write(paramsFile, HadoopFiles.read(HadoopFiles.child(folder, params), conf, 1L << 31));
        return ModelLocation.folder(local);
    }

    /** A name that resolves to a file directly inside a folder: no separator, not {@code .} or {@code ..}. */
    static boolean isPlainFileName(String name) {
        return name != null && !name.isBlank() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }
}
