-- The ablation table: the mean of per-image scores at each stage.
SELECT stage,
       count(*)                 AS images,
       avg(jaccard)             AS mean_jaccard,
       avg(dice)                AS mean_dice,
       avg(thresholded_jaccard) AS mean_thresholded_jaccard
FROM metrics
GROUP BY stage
ORDER BY CASE stage WHEN 'fcn' THEN 1 WHEN 'superpixel' THEN 2 WHEN 'fused' THEN 3 END;
