-- Run after: SET VARIABLE output = '<segment output folder>';
-- Lesion area as a fraction of the image, in bins of 0.1: bin b holds [b/10, (b+1)/10), and
-- the last bin also holds 1.0.
SELECT bin,
       CAST(bin AS DOUBLE) / 10 AS bin_from,
       count(*)                 AS images
FROM (SELECT least(CAST(floor(lesion_fraction * 10) AS INT), 9) AS bin
      FROM read_parquet(getvariable('output') || '/masks/*.parquet')
      WHERE status = 'ok') AS binned
GROUP BY bin
ORDER BY bin;
