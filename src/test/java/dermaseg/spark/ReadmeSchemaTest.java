package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The README's column tables are the output contract: they must list exactly the schemas' columns. */
class ReadmeSchemaTest {
    private static List<String> documented(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new AssertionError("README has no paragraph starting with " + heading);
        }
        List<String> columns = new ArrayList<>();
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            columns.add(cells[1].trim().replace("`", "") + " " + cells[2].trim());
        }
        return columns;
    }

    private static List<String> actual(StructType schema) {
        List<String> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(f.name() + " " + f.dataType().simpleString().replace("bigint", "long"));
        }
        return columns;
    }

    @Test
    void masksTableMatchesTheSchema() throws IOException {
        assertEquals(actual(Schemas.MASKS), documented("`masks/` (Parquet"));
    }

    @Test
    void theTransformersColumnsMatchTheSchema() throws IOException {
        assertEquals(actual(Schemas.SEGMENTATION), documented("Appended columns, after every input column"));
    }

    @Test
    void metricsTableMatchesTheSchema() throws IOException {
        assertEquals(actual(Schemas.METRICS), documented("`metrics/` (Parquet"));
    }
}
