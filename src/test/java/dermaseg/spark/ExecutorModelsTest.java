package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a model folder from a remote store to the executor's local disk. */
class ExecutorModelsTest {
    @TempDir
    Path work;

    private Path remoteFolder(String parametersFile) throws IOException {
        Path bundled = ModelLocation.bundled().folder();
        String params = ModelCard.read(bundled.resolve(ModelCard.FILE_NAME)).parametersFile;
        Path remote = Files.createDirectories(work.resolve("remote"));
        Files.writeString(remote.resolve(ModelCard.FILE_NAME),
                Files.readString(bundled.resolve(ModelCard.FILE_NAME)).replace('"' + params + '"',
                        '"' + parametersFile + '"'));
        Files.copy(bundled.resolve(params), remote.resolve(params));
        return remote;
    }

    @Test
    void aModelFolderIsCopiedWithItsCardAndParameters() throws Exception {
        String params = ModelCard.read(ModelLocation.bundled().cardFile()).parametersFile;
        ModelLocation local = ExecutorModels.download(remoteFolder(params).toUri().toString(), new Configuration());
        assertTrue(Files.isRegularFile(local.folder().resolve(params)));
        assertEquals(params, local.readCard().parametersFile);
    }

    @Test
    void aCardWhoseParametersFileIsAPathIsRefused() throws Exception {
        Path remote = remoteFolder("../escaped.params");
        Files.write(work.resolve("escaped.params"), new byte[] {1, 2, 3});  // there to be copied, were it followed
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        boolean before = Files.exists(tmp.resolve("escaped.params"));
        IOException e = assertThrows(IOException.class,
                () -> ExecutorModels.download(remote.toUri().toString(), new Configuration()));
        assertTrue(e.getMessage().contains("plain file name"), e.getMessage());
        assertEquals(before, Files.exists(tmp.resolve("escaped.params")), "nothing written beside the temp folder");
    }

    @Test
    void onlyPlainFileNamesArePlain() {
        assertTrue(ExecutorModels.isPlainFileName("lesion-fcn-0018.params"));
        for (String bad : new String[] {null, "", " ", ".", "..", "../x", "a/b", "/etc/passwd", "a\\b", "..\\x"}) {
            assertFalse(ExecutorModels.isPlainFileName(bad), bad);
        }
    }
}
