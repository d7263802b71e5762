-- Opening hours are evaluated in SQL so that `open_now` can filter before LIMIT and cursor pagination.
-- The same rules are implemented in api/domain/opening-hours.ts; tests check that both agree.
-- Interval ["22:00","26:00"]: opens 22:00, closes 02:00 the next day (close may run to 48:00).
-- The caller passes the service's local date and minute (Asia/Shanghai), so the server's TZ never matters.

CREATE FUNCTION hhmm_minutes(t text) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT split_part(t, ':', 1)::integer * 60 + split_part(t, ':', 2)::integer $$;

-- The intervals that apply on a date: a dated exception if there is one, else the weekly pattern.
CREATE FUNCTION hours_intervals_on(hours jsonb, on_date date) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(
    (SELECT e -> 'intervals'
       FROM jsonb_array_elements(coalesce(hours -> 'exceptions', '[]'::jsonb)) AS e
      WHERE e ->> 'date' = to_char(on_date, 'YYYY-MM-DD')
      LIMIT 1),
    hours -> 'weekly' -> ((ARRAY['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'])[extract(isodow FROM on_date)::integer]),
    '[]'::jsonb)
$$;

CREATE FUNCTION hours_open_at(hours jsonb, local_date date, local_minute integer) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN hours IS NULL THEN NULL ELSE
    EXISTS (
      SELECT 1 FROM jsonb_array_elements(hours_intervals_on(hours, local_date)) AS i
       WHERE hhmm_minutes(i ->> 0) <= local_minute AND local_minute < hhmm_minutes(i ->> 1))
    OR EXISTS (
      SELECT 1 FROM jsonb_array_elements(hours_intervals_on(hours, local_date - 1)) AS i
       WHERE local_minute + 1440 < hhmm_minutes(i ->> 1))
  END
$$;

-- Status wins over hours: closed, or temporarily closed through status_until (inclusive; open-ended when NULL).
CREATE FUNCTION place_open_at(status text, status_until date, hours jsonb, local_date date, local_minute integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    ELSE hours_open_at(hours, local_date, local_minute)
  END
$$;
