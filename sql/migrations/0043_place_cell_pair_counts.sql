-- The map view with two amenities (and open now) at district zoom (issue 14): after 0041 one amenity, open now and
-- one amenity with open now come from kept counts, but two amenities still went through the covering index of 0040,
-- ~37,000 entries for a district view at 150,000 places (29–44 ms p50 at zoom 10). These are 0041's amenity counts
-- per pair of amenities (a < b, bits of amenity_bits) and weekly timetable, kept for the coarse cell levels 8–12
-- only: there a district is a few cells, so the table stays small (78 pairs × categories × timetables per cell),
-- while at finer levels a view holds few enough places for the index (≤ 20 ms). Three or more amenities match few
-- enough places for the index at any level. The same places are left out as for 0041's amenity counts (an amenity
-- status entry: counted live), and week 0 again marks a place whose open now is its own.

CREATE TABLE place_cell_pair (
  level    smallint NOT NULL,
  a        smallint NOT NULL,
  b        smallint NOT NULL,
  gx       integer NOT NULL,
  gy       integer NOT NULL,
  category text NOT NULL,
  week     integer NOT NULL,
  n        integer NOT NULL,
  sum_lng  double precision NOT NULL,
  sum_lat  double precision NOT NULL,
  PRIMARY KEY (level, a, b, gx, gy, category, week)
);

-- 0041's function with the pairs added (same signature: its triggers call it as they are).
CREATE OR REPLACE FUNCTION place_cell_filters_apply(
  signs integer[], lngs float8[], lats float8[], categories text[], weeks int4multirange[], bits integer[]
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO place_week (open_week)
  SELECT DISTINCT w FROM unnest(weeks) AS w WHERE w IS NOT NULL
  ON CONFLICT (open_week) DO NOTHING;

  INSERT INTO place_cell_week AS c (level, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, w.id, sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, weeks) AS d(sign, lng, lat, category, open_week)
    JOIN place_week AS w ON w.open_week = d.open_week
   CROSS JOIN generate_series(8, 16) AS level
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;

  INSERT INTO place_cell_amenity AS c (level, amenity, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, bit, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, coalesce(w.id, 0), sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, bits, weeks) AS d(sign, lng, lat, category, amenity_bits, open_week)
    LEFT JOIN place_week AS w ON w.open_week = d.open_week
    JOIN generate_series(0, 30) AS bit ON d.amenity_bits & (1 << bit) <> 0
   CROSS JOIN generate_series(8, 16) AS level
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, amenity, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;

  INSERT INTO place_cell_pair AS c (level, a, b, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, a, b, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, coalesce(w.id, 0), sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, bits, weeks) AS d(sign, lng, lat, category, amenity_bits, open_week)
    LEFT JOIN place_week AS w ON w.open_week = d.open_week
    JOIN generate_series(0, 30) AS a ON d.amenity_bits & (1 << a) <> 0
    JOIN generate_series(0, 30) AS b ON b > a AND d.amenity_bits & (1 << b) <> 0
   CROSS JOIN generate_series(8, 12) AS level
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, a, b, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;
$$;

INSERT INTO place_cell_pair (level, a, b, gx, gy, category, week, n, sum_lng, sum_lat)
SELECT level, a, b, floor(p.lng / (360::float8 / 2::float8 ^ level))::int, floor(p.lat / (360::float8 / 2::float8 ^ level))::int,
       p.category, coalesce(w.id, 0), count(*)::int, sum(p.lng), sum(p.lat)
  FROM place AS p
  LEFT JOIN place_week AS w ON w.open_week = p.open_week AND p.status = 'open' AND p.exception_dates = '{}'
  JOIN generate_series(0, 30) AS a ON p.amenity_bits & (1 << a) <> 0
  JOIN generate_series(0, 30) AS b ON b > a AND p.amenity_bits & (1 << b) <> 0
 CROSS JOIN generate_series(8, 12) AS level
 WHERE p.deleted_at IS NULL AND p.amenity_status = '{}'::jsonb
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- 0041's truncate branch empties its own tables; this one empties the pairs.
CREATE FUNCTION place_cell_pair_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM place_cell_pair;
  RETURN NULL;
END
$$;
CREATE TRIGGER place_cell_pair_truncate AFTER TRUNCATE ON place
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_pair_truncate();
