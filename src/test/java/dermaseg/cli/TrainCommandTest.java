package dermaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.ShardPairSource;
import dermaseg.fcn.BlockKind;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void architectureFlagsNameTheBlockKindWidthsAndAttention() {
        TrainCommand plain = parse("--train", "t", "--validation", "v", "--output", "o");
        assertEquals(BlockKind.DOUBLE_CONV, plain.recipe.block);
        assertEquals(List.of(), plain.recipe.widths);
        assertFalse(plain.recipe.attention);

        TrainCommand light = parse("--train", "t", "--validation", "v", "--output", "o",
                "--block", "inverted-residual", "--widths", "8,16,24,32,48", "--expansion", "3", "--attention");
        assertEquals(BlockKind.INVERTED_RESIDUAL, light.recipe.block);
        assertEquals(List.of(8, 16, 24, 32, 48), light.recipe.widths);
        assertEquals(3, light.recipe.expansion);
        assertTrue(light.recipe.attention);

        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--train", "t", "--validation", "v", "--output", "o", "--block", "mlp"));
    }
}
