-- Run after: SET VARIABLE output = '<segment output folder>';
-- The ten segmented images whose masks are most likely wrong (uncertainty, README "Uncertainty"),
-- with their fused Jaccard where there was ground truth: where to look first.
SELECT m.image_id,
       m.uncertainty,
       m.mean_fcn_probability,
       m.lesion_fraction,
       f.jaccard AS fused_jaccard
FROM read_parquet(getvariable('output') || '/masks/*.parquet') AS m
LEFT JOIN read_parquet(getvariable('output') || '/metrics/*.parquet') AS f
       ON f.image_id = m.image_id AND f.stage = 'fused'
WHERE m.status = 'ok'
ORDER BY m.uncertainty DESC, m.image_id
LIMIT 10;
