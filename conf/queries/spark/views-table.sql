-- Temporary views over an incremental output's Delta tables (segment --incremental), for the
-- queries beside this file: the rows of the model version and settings of the output's latest
-- run, which cover every image segmented with them, as a folder output would hold them.
-- Run "SET output=<segment output URI>;" first. To pick another model, replace the latest view
-- with one naming it: SELECT '<model version>' AS model_version, '<settings hash>' AS settings_hash.
CREATE OR REPLACE TEMPORARY VIEW latest AS
  SELECT model_version, settings_hash FROM delta.`${output}/runs` ORDER BY finished DESC LIMIT 1;
CREATE OR REPLACE TEMPORARY VIEW masks AS
  SELECT m.* FROM delta.`${output}/masks` m JOIN latest l
  ON m.model_version = l.model_version AND m.settings_hash = l.settings_hash;
CREATE OR REPLACE TEMPORARY VIEW metrics AS
  SELECT m.* FROM delta.`${output}/metrics` m JOIN latest l
  ON m.model_version = l.model_version AND m.settings_hash = l.settings_hash;
