-- Temporary views over a segment run's output, for the queries beside this file.
-- ${output} is filled by Spark SQL's variable substitution from the session's settings:
-- run "SET output=<segment output URI>;" first (spark.conf().set("output", uri) in code).
CREATE OR REPLACE TEMPORARY VIEW masks USING parquet OPTIONS (path '${output}/masks');
CREATE OR REPLACE TEMPORARY VIEW metrics USING parquet OPTIONS (path '${output}/metrics');
