package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table an earlier release wrote, with fewer columns than this release's rows, is extended
 * rather than refused: the incremental output of a long-lived corpus outlives releases. A table
 * whose creation was killed before its first commit is created again.
 */
class DeltaCommitsTest extends SparkTestBase {
    @TempDir
    Path work;

    @Test
    void aTableOfAnEarlierReleaseGainsTheNewColumnsAndKeepsItsRows() {
        String table = work.resolve("masks").toString();
        StructField[] all = Schemas.MASKS.fields();
        StructType older = new StructType(Arrays.copyOf(all, 3));
        Object[] oldValues = new Object[3];
        for (int i = 0; i < 3; i++) {
            oldValues[i] = sample(all[i]);
        }
        DeltaCommits.create(spark, table, older, List.of(), Map.of());
        DeltaCommits.append(spark.createDataFrame(List.of(RowFactory.create(oldValues)), older), table, "test", 0,
                "an earlier release's row");

        DeltaCommits.create(spark, table, Schemas.MASKS, List.of(), Map.of());

        StructType now = DeltaCommits.read(spark, table).schema();
        assertEquals(Arrays.asList(Schemas.MASKS.fieldNames()), Arrays.asList(now.fieldNames()));
        List<Row> rows = DeltaCommits.read(spark, table).collectAsList();
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        for (int i = 0; i < 3; i++) {
            assertEquals(oldValues[i], row.get(i), all[i].name());
        }
        for (int i = 3; i < all.length; i++) {
            assertNull(row.get(i), all[i].name() + " of an old row");
        }
        long version = DeltaCommits.version(spark, table);
        DeltaCommits.create(spark, table, Schemas.MASKS, List.of(), Map.of());
        assertEquals(version, DeltaCommits.version(spark, table), "a table with every column is left as it is");
        assertTrue(version >= 2);
    }

    /** What a driver killed during the table's first commit leaves (seen in scripts/check-faults). */
    @Test
    void aCreationKilledBeforeItsFirstCommitIsCreatedAgain() throws Exception {
        Path table = work.resolve("metrics");
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.createDirectories(log.resolve("_staged_commits"));
        Files.writeString(log.resolve(".00000000000000000000.json.23b39ad4-1380-42a8-a8c2-d78b2e36e2dc.tmp"),
                "{\"commitInfo\":{\"timestamp\":1");
        assertFalse(DeltaCommits.exists(spark, table.toString()));

        DeltaCommits.create(spark, table.toString(), Schemas.METRICS, List.of(), Map.of());

        assertTrue(DeltaCommits.exists(spark, table.toString()));
        assertEquals(0, DeltaCommits.version(spark, table.toString()));
        assertEquals(Arrays.asList(Schemas.METRICS.fieldNames()),
                Arrays.asList(DeltaCommits.read(spark, table.toString()).schema().fieldNames()));
    }

    @Test
    void aLogWithACommitIsNeverCleared() throws Exception {
        String table = work.resolve("masks").toString();
        DeltaCommits.create(spark, table, Schemas.MASKS, List.of(), Map.of());
        Object[] values = Arrays.stream(Schemas.MASKS.fields()).map(DeltaCommitsTest::sample).toArray();
        DeltaCommits.append(spark.createDataFrame(List.of(RowFactory.create(values)), Schemas.MASKS), table,
                "test", 0, "one row");
        // A stray temporary file beside real commits, as a writer killed mid-commit leaves it.
        Files.writeString(work.resolve("masks/_delta_log/.00000000000000000002.json.0f.tmp"), "{");

        DeltaCommits.create(spark, table, Schemas.MASKS, List.of(), Map.of());

        assertEquals(1, DeltaCommits.read(spark, table).count());
        assertEquals(1, DeltaCommits.version(spark, table));
    }

    private static Object sample(StructField f) {
        return switch (f.dataType().typeName()) {
            case "string" -> "v-" + f.name();
            case "integer" -> 7;
            case "long" -> 7L;
            case "double" -> 0.5;
            case "boolean" -> true;
            default -> null;
        };
    }
}
