-- The map viewport at low zoom (issue 14): counting every place in a city-wide view costs ~150 ms at 150,000 places.
-- These are the same counts kept per grid cell and category, for the cell sizes 360 / 2^level degrees the viewport
-- uses up to zoom 14 (levels 8–16), with the sums of the positions for the cell's mean position. Kept exact by
-- statement-level triggers (one grouped upsert per statement, so an import of thousands of rows costs one pass).
-- Only live places count (deleted_at IS NULL), as in the viewport query. Rows may reach n = 0; readers skip them.
CREATE TABLE place_cell (
  level    smallint NOT NULL,
  gx       integer NOT NULL,
  gy       integer NOT NULL,
  category text NOT NULL,
  n        integer NOT NULL,
  sum_lng  double precision NOT NULL,
  sum_lat  double precision NOT NULL,
  PRIMARY KEY (level, gx, gy, category)
);

-- Adds sign × each place to its cell at every level. floor(lng / (360 / 2^level)) is bit for bit the viewport
-- query's floor(lng / cell) with cell = 360 / 2 ** level computed in JavaScript (a division by a power of two is exact).
-- Changes that cancel out in a cell (an update of hours, names or confirmations: -1 and +1 at the same place) write nothing.
CREATE FUNCTION place_cell_apply(signs integer[], lngs float8[], lats float8[], categories text[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO place_cell AS c (level, gx, gy, category, n, sum_lng, sum_lat)
  SELECT level, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories) AS d(sign, lng, lat, category)
   CROSS JOIN generate_series(8, 16) AS level
   GROUP BY 1, 2, 3, 4
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, gx, gy, category) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat
$$;

-- One function for the four triggers; each branch reads only the transition tables its event has.
CREATE FUNCTION place_cell_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM place_cell;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM place_cell_apply(array_agg(1), array_agg(lng), array_agg(lat), array_agg(category))
       FROM new_rows WHERE deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM place_cell_apply(array_agg(-1), array_agg(lng), array_agg(lat), array_agg(category))
       FROM old_rows WHERE deleted_at IS NULL;
  ELSE
    PERFORM place_cell_apply(array_agg(d.sign), array_agg(d.lng), array_agg(d.lat), array_agg(d.category))
       FROM (SELECT -1 AS sign, lng, lat, category FROM old_rows WHERE deleted_at IS NULL
             UNION ALL
             SELECT 1, lng, lat, category FROM new_rows WHERE deleted_at IS NULL) AS d;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER place_cell_insert AFTER INSERT ON place REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_changes();
CREATE TRIGGER place_cell_update AFTER UPDATE ON place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_changes();
CREATE TRIGGER place_cell_delete AFTER DELETE ON place REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_changes();
CREATE TRIGGER place_cell_truncate AFTER TRUNCATE ON place
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_changes();

INSERT INTO place_cell (level, gx, gy, category, n, sum_lng, sum_lat)
SELECT level, floor(p.lng / (360::float8 / 2::float8 ^ level))::int, floor(p.lat / (360::float8 / 2::float8 ^ level))::int,
       p.category, count(*)::int, sum(p.lng), sum(p.lat)
  FROM place p CROSS JOIN generate_series(8, 16) AS level
 WHERE p.deleted_at IS NULL
 GROUP BY 1, 2, 3, 4;

-- The partial cells along a view's top and bottom edges are counted from the places there: a narrow index by
-- latitude first reads only those strips (the (lng, lat) one of 0032 serves the left and right edges).
CREATE INDEX place_viewport_lat_idx ON place (lat, lng) INCLUDE (category, id) WHERE deleted_at IS NULL;
