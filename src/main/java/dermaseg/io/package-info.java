/**
 * Files on any Hadoop file system (local disk, {@code s3a://}, HDFS), as the jobs and the
 * training-data code need them, with no Spark in sight: bounded whole-file reads that refuse what
 * is not a regular file ({@link dermaseg.io.HadoopFiles}), corpus listings that leave nothing out
 * ({@link dermaseg.io.FileListing}), the Hadoop configuration carried to executors
 * ({@link dermaseg.io.HadoopConf}), the line between a store that went away and an input that is
 * broken ({@link dermaseg.io.TransientFailures}), and the live files of a Delta table version, for
 * readers without Spark ({@link dermaseg.io.DeltaTableFiles}).
 */
package dermaseg.io;
