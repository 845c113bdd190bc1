package dermaseg.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Explicit schemas of the prepare-training job: the pair listing it processes, the outcome rows
 * between its stages, and the three tables it writes (shards, rejects, manifest). The written
 * ones are the contract with the trainer ({@link dermaseg.dataset.ShardPairSource} reads
 * {@code id}, {@code image}, {@code mask} of the shards and {@code id}, {@code split},
 * {@code status}, {@code row_file} of the manifest) and with people querying the data.
 */
public final class PrepareSchemas {
    private PrepareSchemas() {
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** One id with all its files, and its content hash in the previous snapshot (null if new). */
    public static final StructType PAIRS = new StructType(new StructField[] {
        field("id", StringType, false),
        field("image_uris", DataTypes.createArrayType(StringType, false), true),
        field("mask_uris", DataTypes.createArrayType(StringType, false), true),
        field("previous_hash", StringType, true),
    });

    /** What became of one id in this run; the pair's columns are set only when it was accepted. */
    public static final StructType OUTCOME = new StructType(new StructField[] {
        field("id", StringType, false),
        field("change", StringType, false),
        field("status", StringType, true),
        field("reason", StringType, true),
        field("detail", StringType, true),
        field("split", StringType, false),
        field("content_hash", StringType, false),
        field("image_uri", StringType, true),
        field("mask_uri", StringType, true),
        field("merged_copies", IntegerType, true),
        field("image", BinaryType, true),
        field("mask", BinaryType, true),
        field("width", IntegerType, true),
        field("height", IntegerType, true),
        field("original_width", IntegerType, true),
        field("original_height", IntegerType, true),
        field("centroid_x", DoubleType, true),
        field("centroid_y", DoubleType, true),
        field("lesion_area", LongType, true),
        field("lesion_fraction", DoubleType, true),
    });

    /**
     * One row of {@code shards/run_id=R/split=S/}: a validated pair at its stored size. Hive-style,
     * {@code split} is the folder the row is written to, not a column of the file, and
     * {@code run_id} likewise the folder above it: Spark and DuckDB, reading {@code shards/}, give
     * both back as columns (a column repeated inside the files would clash with them).
     */
    public static final StructType SHARD = new StructType(new StructField[] {
        field("id", StringType, false),
        field("image", BinaryType, false),
        field("mask", BinaryType, false),
        field("width", IntegerType, false),
        field("height", IntegerType, false),
        field("original_width", IntegerType, false),
        field("original_height", IntegerType, false),
        field("centroid_x", DoubleType, false),
        field("centroid_y", DoubleType, false),
        field("lesion_area", LongType, false),
        field("lesion_fraction", DoubleType, false),
        field("content_hash", StringType, false),
        field("image_uri", StringType, false),
        field("mask_uri", StringType, false),
        field("split", StringType, false),
    });

    /** One row of {@code rejects/run_id=R/} (the run id is the folder, as for shards): a refused pair and why. */
    public static final StructType REJECT = new StructType(new StructField[] {
        field("id", StringType, false),
        field("image_uri", StringType, true),
        field("mask_uri", StringType, true),
        field("reason", StringType, false),
        field("detail", StringType, true),
        field("content_hash", StringType, false),
        field("split", StringType, false),
    });

    /**
     * One row of a snapshot {@code manifest/snapshot=R/}: every pair of the corpus as of run R, and
     * where its current row lives ({@code row_file}, relative to the dataset root: a shard file
     * when accepted, a rejects file when not), and {@code run_id}, the run that wrote that row.
     * Readers use a shard row only when its file (or its {@code (id, run_id)}) is the one named
     * here.
     */
    public static final StructType MANIFEST = new StructType(new StructField[] {
        field("id", StringType, false),
        field("content_hash", StringType, false),
        field("split", StringType, false),
        field("status", StringType, false),
        field("reason", StringType, true),
        field("run_id", StringType, false),
        field("row_file", StringType, false),
    });
}
