-- The map viewport with one filter at low zoom (issue 14): "open now" alone or one amenity alone matches places
-- spread over every amenity set, so the covering index of 0040 (keyed by amenity bits) is read almost whole for a
-- district view (40–80 ms at 150,000 places). These are 0033's kept counts split once more, so such a view reads
-- counts plus a small live remainder:
--   - per weekly timetable (place_week: each distinct open_week once): on an ordinary day open now is a pure function
--     of open_week for a place with status 'open' and no dated exception, so a view evaluates open now once per
--     distinct timetable. Places with another status or dated exceptions are not counted here (their state depends on
--     the day: status_until, exception dates) and are counted live through place_hours_own_idx. Public
--     confirmations are weighed at request time for the few places confirmed in the last 24 hours (through
--     place_confirmed_idx). Near a holiday the viewport counts the places as before.
--   - per amenity (bit i of amenity_bits, 0040) and weekly timetable: a place counted once for each amenity it has,
--     if it has no amenity status entries (an outage depends on the day); those with entries are counted live
--     through place_amenity_own_idx. The timetable is that of place_cell_week, or 0 for a place whose open now is
--     its own, so one amenity with open now (the tap a worker makes most) is answered from the counts too.
-- Kept exact by statement-level triggers like 0033, one grouped upsert per statement; rows may reach n = 0.

CREATE TABLE place_week (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  open_week int4multirange NOT NULL UNIQUE
);

CREATE TABLE place_cell_week (
  level    smallint NOT NULL,
  gx       integer NOT NULL,
  gy       integer NOT NULL,
  category text NOT NULL,
  week     integer NOT NULL,
  n        integer NOT NULL,
  sum_lng  double precision NOT NULL,
  sum_lat  double precision NOT NULL,
  PRIMARY KEY (level, gx, gy, category, week)
);

CREATE TABLE place_cell_amenity (
  level    smallint NOT NULL,
  amenity  smallint NOT NULL,
  gx       integer NOT NULL,
  gy       integer NOT NULL,
  category text NOT NULL,
  week     integer NOT NULL, -- place_week.id, or 0: open now is the place's own (not counted per timetable)
  n        integer NOT NULL,
  sum_lng  double precision NOT NULL,
  sum_lat  double precision NOT NULL,
  PRIMARY KEY (level, amenity, gx, gy, category, week)
);

-- Adds sign × each place to its cells, as 0033's place_cell_apply. `weeks[i]` is NULL for a place whose open now
-- is its own (not counted per timetable), `bits[i]` is 0 for one whose amenities are counted live.
CREATE FUNCTION place_cell_filters_apply(
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
$$;

-- Which places each table counts; the viewport's live remainder selects the complement with the same expressions
-- (and the partial indexes below are defined by them, so the planner can prove they apply).
--   timetable counts: status = 'open' AND exception_dates = '{}'
--   amenity counts:   amenity_status = '{}'::jsonb

-- One function for the four triggers. An update counts only the rows whose counted columns changed (an edit of
-- names, a confirmation, a verification: nothing to aggregate), so an unchanged row cannot leave rounding residue.
CREATE FUNCTION place_cell_filter_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM place_cell_week;
    DELETE FROM place_cell_amenity;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM place_cell_filters_apply(array_agg(1), array_agg(lng), array_agg(lat), array_agg(category),
              array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
              array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
       FROM new_rows WHERE deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM place_cell_filters_apply(array_agg(-1), array_agg(lng), array_agg(lat), array_agg(category),
              array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
              array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
       FROM old_rows WHERE deleted_at IS NULL;
  ELSE
    PERFORM place_cell_filters_apply(array_agg(d.sign), array_agg(d.lng), array_agg(d.lat), array_agg(d.category),
              array_agg(CASE WHEN d.status = 'open' AND d.exception_dates = '{}' THEN d.open_week END),
              array_agg(CASE WHEN d.amenity_status = '{}'::jsonb THEN d.amenity_bits ELSE 0 END))
       FROM (SELECT -1 AS sign, o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week, o.amenity_status, o.amenity_bits
               FROM old_rows AS o
              WHERE o.deleted_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM new_rows AS n
                 WHERE n.id = o.id AND n.deleted_at IS NULL
                   AND (n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week, n.amenity_status, n.amenity_bits)
                       IS NOT DISTINCT FROM (o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week, o.amenity_status, o.amenity_bits))
             UNION ALL
             SELECT 1, n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week, n.amenity_status, n.amenity_bits
               FROM new_rows AS n
              WHERE n.deleted_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM old_rows AS o
                 WHERE o.id = n.id AND o.deleted_at IS NULL
                   AND (n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week, n.amenity_status, n.amenity_bits)
                       IS NOT DISTINCT FROM (o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week, o.amenity_status, o.amenity_bits))
            ) AS d;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER place_cell_filter_insert AFTER INSERT ON place REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_filter_changes();
CREATE TRIGGER place_cell_filter_update AFTER UPDATE ON place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_filter_changes();
CREATE TRIGGER place_cell_filter_delete AFTER DELETE ON place REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_filter_changes();
CREATE TRIGGER place_cell_filter_truncate AFTER TRUNCATE ON place
  FOR EACH STATEMENT EXECUTE FUNCTION place_cell_filter_changes();

SELECT place_cell_filters_apply(array_agg(1), array_agg(lng), array_agg(lat), array_agg(category),
         array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
         array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
  FROM place WHERE deleted_at IS NULL;

-- The live remainders: places whose open now or amenities are their own, and places confirmed by the public lately.
CREATE INDEX place_hours_own_idx ON place (lng, lat)
  WHERE deleted_at IS NULL AND (status <> 'open' OR exception_dates <> '{}');
CREATE INDEX place_amenity_own_idx ON place (lng, lat)
  WHERE deleted_at IS NULL AND amenity_status <> '{}'::jsonb;
CREATE INDEX place_confirmed_idx ON place (last_confirmed_at) WHERE deleted_at IS NULL AND last_confirmed_at IS NOT NULL;
