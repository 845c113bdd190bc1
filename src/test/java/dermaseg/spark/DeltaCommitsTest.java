package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * rather than refused: the incremental output of a long-lived corpus outlives releases.
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
