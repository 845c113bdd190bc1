-- Run after: SET VARIABLE output = '<segment output folder>';
-- Inputs per outcome: ok, or the reason an input could not be segmented.
SELECT coalesce(error, status) AS outcome,
       count(*)                AS images
FROM read_parquet(getvariable('output') || '/masks/*.parquet')
GROUP BY coalesce(error, status)
ORDER BY images DESC, outcome;
