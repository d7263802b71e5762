-- Open-now map views near a public holiday from the kept counts (issue 14). The timetable counts of 0041 and 0043
-- are keyed by the weekly hours alone (place_week.open_week), which decide open now on an ordinary day; but on a
-- public holiday, a make-up workday or the day after one, a place whose hours have a holiday rule opens by that
-- rule, so views with open now fell back to counting every place (1–2 s at 150,000 places, ~50 days a year, the
-- days workers most need to know what is open). A timetable is now the weekly hours together with the holiday
-- rule and the weekly hours it reads (holiday_hours, JSON null when the place has no rule: then its weekly hours
-- apply every day), so a view evaluates open now once per distinct timetable on any day.
-- The pair counts of 0043 are kept for levels 13 and 14 too (zoom 11 and 12, a district filling a phone): there two
-- amenities with open now read the covering index of 0040 for ~40 ms at 150,000 places; with the pairs ~20 ms, for
-- ~72,000 more rows (~10 MB) at that size.

-- The part of a place's hours that decides open now on any day without a dated exception (the places the counts
-- keep have none): JSON null without a holiday rule, else the weekly hours and the rule.
CREATE FUNCTION timetable_holiday_hours(hours jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN coalesce(hours -> 'holidays', '"as_usual"'::jsonb) = '"as_usual"'::jsonb THEN 'null'::jsonb
              ELSE jsonb_build_object('weekly', coalesce(hours -> 'weekly', '{}'::jsonb), 'holidays', hours -> 'holidays') END
$$;

ALTER TABLE place_week ADD COLUMN holiday_hours jsonb NOT NULL DEFAULT 'null'::jsonb;
ALTER TABLE place_week DROP CONSTRAINT place_week_open_week_key;
ALTER TABLE place_week ADD CONSTRAINT place_week_timetable_key UNIQUE (open_week, holiday_hours);

-- 0043's function keyed by the whole timetable (a new signature: the holiday hours beside the weekly ones), with
-- the pairs kept to level 14.
CREATE FUNCTION place_cell_filters_apply(
  signs integer[], lngs float8[], lats float8[], categories text[], weeks int4multirange[], holidays jsonb[],
  bits integer[]
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO place_week (open_week, holiday_hours)
  SELECT DISTINCT w, h FROM unnest(weeks, holidays) AS t(w, h) WHERE w IS NOT NULL
  ON CONFLICT (open_week, holiday_hours) DO NOTHING;

  INSERT INTO place_cell_week AS c (level, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, w.id, sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, weeks, holidays) AS d(sign, lng, lat, category, open_week, holiday_hours)
    JOIN place_week AS w ON w.open_week = d.open_week AND w.holiday_hours = d.holiday_hours
   CROSS JOIN generate_series(8, 16) AS level
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;

  INSERT INTO place_cell_amenity AS c (level, amenity, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, bit, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, coalesce(w.id, 0), sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, bits, weeks, holidays)
         AS d(sign, lng, lat, category, amenity_bits, open_week, holiday_hours)
    LEFT JOIN place_week AS w ON w.open_week = d.open_week AND w.holiday_hours = d.holiday_hours
    JOIN generate_series(0, 30) AS bit ON d.amenity_bits & (1 << bit) <> 0
   CROSS JOIN generate_series(8, 16) AS level
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, amenity, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;

  INSERT INTO place_cell_pair AS c (level, a, b, gx, gy, category, week, n, sum_lng, sum_lat)
  SELECT level, a, b, floor(d.lng / (360::float8 / 2::float8 ^ level))::int, floor(d.lat / (360::float8 / 2::float8 ^ level))::int,
         d.category, coalesce(w.id, 0), sum(d.sign)::int, sum(d.sign * d.lng), sum(d.sign * d.lat)
    FROM unnest(signs, lngs, lats, categories, bits, weeks, holidays)
         AS d(sign, lng, lat, category, amenity_bits, open_week, holiday_hours)
    LEFT JOIN place_week AS w ON w.open_week = d.open_week AND w.holiday_hours = d.holiday_hours
    JOIN generate_series(0, 30) AS a ON d.amenity_bits & (1 << a) <> 0
    JOIN generate_series(0, 30) AS b ON b > a AND d.amenity_bits & (1 << b) <> 0
   CROSS JOIN generate_series(8, 14) AS level
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lng) <> 0 OR sum(d.sign * d.lat) <> 0
  ON CONFLICT (level, a, b, gx, gy, category, week) DO UPDATE
    SET n = c.n + excluded.n, sum_lng = c.sum_lng + excluded.sum_lng, sum_lat = c.sum_lat + excluded.sum_lat;
$$;

-- 0041's trigger function with the holiday hours passed and compared (an edit of the holiday rule alone moves a
-- place to another timetable). Which places each table counts is unchanged.
CREATE OR REPLACE FUNCTION place_cell_filter_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM place_cell_week;
    DELETE FROM place_cell_amenity;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM place_cell_filters_apply(array_agg(1), array_agg(lng), array_agg(lat), array_agg(category),
              array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
              array_agg(timetable_holiday_hours(opening_hours)),
              array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
       FROM new_rows WHERE deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM place_cell_filters_apply(array_agg(-1), array_agg(lng), array_agg(lat), array_agg(category),
              array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
              array_agg(timetable_holiday_hours(opening_hours)),
              array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
       FROM old_rows WHERE deleted_at IS NULL;
  ELSE
    PERFORM place_cell_filters_apply(array_agg(d.sign), array_agg(d.lng), array_agg(d.lat), array_agg(d.category),
              array_agg(CASE WHEN d.status = 'open' AND d.exception_dates = '{}' THEN d.open_week END),
              array_agg(d.holiday_hours),
              array_agg(CASE WHEN d.amenity_status = '{}'::jsonb THEN d.amenity_bits ELSE 0 END))
       FROM (SELECT -1 AS sign, o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week,
                    timetable_holiday_hours(o.opening_hours) AS holiday_hours, o.amenity_status, o.amenity_bits
               FROM old_rows AS o
              WHERE o.deleted_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM new_rows AS n
                 WHERE n.id = o.id AND n.deleted_at IS NULL
                   AND (n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week,
                        timetable_holiday_hours(n.opening_hours), n.amenity_status, n.amenity_bits)
                       IS NOT DISTINCT FROM (o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week,
                        timetable_holiday_hours(o.opening_hours), o.amenity_status, o.amenity_bits))
             UNION ALL
             SELECT 1, n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week,
                    timetable_holiday_hours(n.opening_hours), n.amenity_status, n.amenity_bits
               FROM new_rows AS n
              WHERE n.deleted_at IS NULL AND NOT EXISTS (
                SELECT 1 FROM old_rows AS o
                 WHERE o.id = n.id AND o.deleted_at IS NULL
                   AND (n.lng, n.lat, n.category, n.status, n.exception_dates, n.open_week,
                        timetable_holiday_hours(n.opening_hours), n.amenity_status, n.amenity_bits)
                       IS NOT DISTINCT FROM (o.lng, o.lat, o.category, o.status, o.exception_dates, o.open_week,
                        timetable_holiday_hours(o.opening_hours), o.amenity_status, o.amenity_bits))
            ) AS d;
  END IF;
  RETURN NULL;
END
$$;

DROP FUNCTION place_cell_filters_apply(integer[], float8[], float8[], text[], int4multirange[], integer[]);

-- The counts again, per timetable as now defined.
TRUNCATE place_cell_week, place_cell_amenity, place_cell_pair, place_week RESTART IDENTITY;
SELECT place_cell_filters_apply(array_agg(1), array_agg(lng), array_agg(lat), array_agg(category),
         array_agg(CASE WHEN status = 'open' AND exception_dates = '{}' THEN open_week END),
         array_agg(timetable_holiday_hours(opening_hours)),
         array_agg(CASE WHEN amenity_status = '{}'::jsonb THEN amenity_bits ELSE 0 END))
  FROM place WHERE deleted_at IS NULL;

-- 0040's open now from the index's columns, without reading the hours near a holiday: a place counted per timetable
-- (status open, no dated exception) whose weekly hours are those of timetables that all agree at the instant
-- (`open_weeks`: every holiday rule with these weekly hours is open; `closed_weeks`: none is; the caller computes both
-- from place_week once per query) needs no lookup. place_week holds the timetable of every such place (and maybe
-- some no longer used, which can only make the lists shorter), so only the rest (weekly hours shared by rules that
-- disagree, other statuses, dated exceptions) are read one lookup at a time, as before. On an ordinary day
-- `near_holiday` is false and this is 0040's function.
CREATE FUNCTION place_open_now_filter(
  for_place text, status text, status_until date, open_week int4multirange, exception_dates text[], holiday_rule boolean,
  local_date date, local_minute integer, local_week_minute integer, near_dates text[], near_holiday boolean,
  near_kinds text[], open_weeks int4multirange[], closed_weeks int4multirange[]
) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    WHEN exception_dates && near_dates OR (holiday_rule AND near_holiday) THEN
      CASE WHEN status = 'open' AND exception_dates = '{}' AND open_week = ANY(open_weeks) THEN true
           WHEN status = 'open' AND exception_dates = '{}' AND open_week = ANY(closed_weeks) THEN false
           ELSE place_hours_open_at(for_place, local_date, local_minute, near_kinds) END
    ELSE open_week @> local_week_minute
  END
$$;

DROP FUNCTION place_open_now_filter(text, text, date, int4multirange, text[], boolean, date, integer, integer, text[],
  boolean, text[]);
