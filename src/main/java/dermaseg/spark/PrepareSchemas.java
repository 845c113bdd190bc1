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
 * between its stages, and the table it writes. That one is the contract with the trainer
 * ({@link dermaseg.dataset.DatasetSnapshot} and {@link dermaseg.dataset.ShardPairSource} read
 * {@code id}, {@code status}, {@code image}, {@code mask}) and with people querying the data.
 */
public final class PrepareSchemas {
    private PrepareSchemas() {
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** One id with all its files, and its content hash in the table (null if new). */
    public static final StructType PAIRS = new StructType(new StructField[] {
        field("id", StringType, false),
        field("image_uris", DataTypes.createArrayType(StringType, false), true),
        field("mask_uris", DataTypes.createArrayType(StringType, false), true),
        field("previous_hash", StringType, true),
    });

    /** An accepted pair's stored pixels and measurements. */
    private static final StructField[] STORED = {
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
    };

    private static StructType with(StructType head, StructField[] tail) {
        StructType s = head;
        for (StructField f : tail) {
            s = s.add(f);
        }
        return s;
    }

    /** What became of one id in this run; the pair's columns are set only when it was accepted. */
    public static final StructType OUTCOME = with(new StructType(new StructField[] {
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
    }), STORED);

    /**
     * One row of the dataset's {@code pairs} table (partitioned by {@code split}): a pair of the
     * corpus as the run that last changed it left it. Accepted pairs carry the stored image and
     * mask and their measurements; rejected ones the reason and detail, and no pixels.
     */
    public static final StructType DATASET = with(new StructType(new StructField[] {
        field("id", StringType, false),
        field("split", StringType, false),
        field("status", StringType, false),
        field("reason", StringType, true),
        field("detail", StringType, true),
        field("content_hash", StringType, false),
        field("image_uri", StringType, true),
        field("mask_uri", StringType, true),
    }), STORED).add(field("run_id", StringType, false));
}
