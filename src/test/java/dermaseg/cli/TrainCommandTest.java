package dermaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.dataset.ShardPairSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The train command's choice of data source, parsed only (training itself is tested from shards). */
class TrainCommandTest {
    private static TrainCommand parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void foldersOrShardsButNotBoth() {
        TrainCommand folders = parse("--train", "t", "--validation", "v", "--output", "o");
        assertEquals(Path.of("t"), folders.data.folders.train);
        assertNull(folders.data.shards);

        TrainCommand shards = parse("--shards", "s3a://b/prep", "--snapshot", "3",
                "--hadoop", "fs.s3a.endpoint=http://127.0.0.1:9000", "--output", "o");
        assertNull(shards.data.folders);
        assertEquals("s3a://b/prep", shards.data.shards.uri);
        assertEquals(3L, shards.data.shards.snapshot, "a version of the pairs table");
        assertEquals(ShardPairSource.DEFAULT_SHUFFLE_BUFFER, shards.data.shards.shuffleBuffer);
        assertEquals(Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000"), shards.data.shards.hadoop);

        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--shards", "s", "--train", "t", "--validation", "v", "--output", "o"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--train", "t", "--output", "o"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--output", "o"));
    }
}
