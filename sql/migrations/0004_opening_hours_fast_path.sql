-- Evaluating the hours JSON for every candidate row made `open_now` the cost of the nearest query. The weekly
-- pattern is now also kept as minute-of-week ranges (0 = Monday 00:00, 10080 = a week), so "open now" is one
-- range containment test. Only a place with a dated exception today or yesterday takes the exact path
-- (hours_open_at, migration 0003). Same rules, checked against the TypeScript twin by the tests.

-- [opens, closes) of each weekly interval as week minutes; a span past Sunday midnight wraps to Monday.
CREATE FUNCTION hours_week_ranges(hours jsonb) RETURNS int4multirange
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(range_agg(r), '{}'::int4multirange)
    FROM (
      SELECT int4range(start_minute, least(end_minute, 10080)) AS r
        FROM (
          SELECT (d.idx::integer - 1) * 1440 + hhmm_minutes(i ->> 0) AS start_minute,
                 (d.idx::integer - 1) * 1440 + hhmm_minutes(i ->> 1) AS end_minute
            FROM unnest(ARRAY['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']) WITH ORDINALITY AS d(key, idx),
                 jsonb_array_elements(coalesce(hours -> 'weekly' -> d.key, '[]'::jsonb)) AS i
        ) AS spans
      UNION ALL
      SELECT int4range(0, end_minute - 10080)
        FROM (
          SELECT 6 * 1440 + hhmm_minutes(i ->> 1) AS end_minute
            FROM jsonb_array_elements(coalesce(hours -> 'weekly' -> 'su', '[]'::jsonb)) AS i
        ) AS sunday
       WHERE end_minute > 10080
    ) AS ranges
$$;

CREATE FUNCTION hours_exception_dates(hours jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(array_agg(e ->> 'date'), '{}') FROM jsonb_array_elements(coalesce(hours -> 'exceptions', '[]'::jsonb)) AS e $$;

ALTER TABLE place
  ADD COLUMN open_week int4multirange GENERATED ALWAYS AS (hours_week_ranges(opening_hours)) STORED,
  ADD COLUMN exception_dates text[] GENERATED ALWAYS AS (hours_exception_dates(opening_hours)) STORED;

-- Same answer as place_open_at (0003) for the same instant; `local_week_minute` = (ISO weekday - 1) * 1440 + minute,
-- `near_dates` = local today and yesterday as 'YYYY-MM-DD'. Only immutable operations, so the planner inlines it.
CREATE FUNCTION place_open_now(
  status text, status_until date, hours jsonb, open_week int4multirange, exception_dates text[],
  local_date date, local_minute integer, local_week_minute integer, near_dates text[]
) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    WHEN hours IS NULL THEN NULL
    WHEN exception_dates && near_dates THEN hours_open_at(hours, local_date, local_minute)
    ELSE open_week @> local_week_minute
  END
$$;
