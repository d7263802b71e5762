-- China's public holidays and make-up workdays (调休). A place's hours say what it does on a public holiday
-- (`"holidays": "as_usual" | "closed" | [intervals]`, default as_usual); on a make-up workday a place whose rule is
-- not as_usual opens with its Monday hours; a dated exception still wins over both. Same rules in TypeScript
-- (api/domain/opening-hours.ts), checked against these functions by tests/domain/opening-hours-sql.test.ts.
CREATE TABLE holiday_calendar (
  date        date PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
  name_zh     text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
  name_en     text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
  -- Where the day came from: the chinese-days package, an import by an administrator, a hand entry.
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Every change to the calendar goes on record with the other changes that are not to a place (staff_audit, 0012):
-- subject 'holidays:<year>', changes {"days": {"before": [...], "after": [...]}}, the year's days as they were and are.
ALTER TABLE staff_audit DROP CONSTRAINT staff_audit_action_check;
ALTER TABLE staff_audit ADD CONSTRAINT staff_audit_action_check
  CHECK (action IN ('account_create', 'account_change', 'report_decide', 'holiday_year_replace'));
ALTER TABLE staff_audit DROP CONSTRAINT staff_audit_subject_check;
ALTER TABLE staff_audit ADD CONSTRAINT staff_audit_subject_check
  CHECK (subject ~ '^(account|report):[0-9]+$' OR subject ~ '^holidays:[0-9]{4}$');

-- From the chinese-days npm package (1.5.7; it holds 2004–2026). The hours on record describe the present, so only
-- last year (for `at=` instants looking back) and this year are useful; later years are imported when the State
-- Council publishes them (POST /api/v1/holidays/import). tests/domain/holiday-calendar.test.ts checks these rows.
INSERT INTO holiday_calendar (date, kind, name_zh, name_en, source)
SELECT d::date, k, zh, en, 'chinese-days 1.5.7' FROM (VALUES
  ('2025-01-01', 'holiday', '元旦', 'New Year''s Day'),
  ('2025-01-26', 'makeup_workday', '春节', 'Spring Festival'),
  ('2025-01-28', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-29', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-30', 'holiday', '春节', 'Spring Festival'),
  ('2025-01-31', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-01', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-02', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-03', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-04', 'holiday', '春节', 'Spring Festival'),
  ('2025-02-08', 'makeup_workday', '春节', 'Spring Festival'),
  ('2025-04-04', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2025-04-05', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2025-04-06', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2025-04-27', 'makeup_workday', '劳动节', 'Labour Day'),
  ('2025-05-01', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-02', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-03', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-04', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-05', 'holiday', '劳动节', 'Labour Day'),
  ('2025-05-31', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2025-06-01', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2025-06-02', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2025-09-28', 'makeup_workday', '国庆节', 'National Day'),
  ('2025-10-01', 'holiday', '国庆节', 'National Day'),
  ('2025-10-02', 'holiday', '国庆节', 'National Day'),
  ('2025-10-03', 'holiday', '国庆节', 'National Day'),
  ('2025-10-04', 'holiday', '国庆节', 'National Day'),
  ('2025-10-05', 'holiday', '国庆节', 'National Day'),
  ('2025-10-06', 'holiday', '中秋', 'Mid-autumn Festival'),
  ('2025-10-07', 'holiday', '国庆节', 'National Day'),
  ('2025-10-08', 'holiday', '国庆节', 'National Day'),
  ('2025-10-11', 'makeup_workday', '国庆节', 'National Day'),
  ('2026-01-01', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-02', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-03', 'holiday', '元旦', 'New Year''s Day'),
  ('2026-01-04', 'makeup_workday', '元旦', 'New Year''s Day'),
  ('2026-02-14', 'makeup_workday', '春节', 'Spring Festival'),
  ('2026-02-15', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-16', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-17', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-18', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-19', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-20', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-21', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-22', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-23', 'holiday', '春节', 'Spring Festival'),
  ('2026-02-28', 'makeup_workday', '春节', 'Spring Festival'),
  ('2026-04-04', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2026-04-05', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2026-04-06', 'holiday', '清明', 'Tomb-sweeping Day'),
  ('2026-05-01', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-02', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-03', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-04', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-05', 'holiday', '劳动节', 'Labour Day'),
  ('2026-05-09', 'makeup_workday', '劳动节', 'Labour Day'),
  ('2026-06-19', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2026-06-20', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2026-06-21', 'holiday', '端午', 'Dragon Boat Festival'),
  ('2026-09-20', 'makeup_workday', '国庆节', 'National Day'),
  ('2026-09-25', 'holiday', '中秋', 'Mid-autumn Festival'),
  ('2026-09-26', 'holiday', '中秋', 'Mid-autumn Festival'),
  ('2026-09-27', 'holiday', '中秋', 'Mid-autumn Festival'),
  ('2026-10-01', 'holiday', '国庆节', 'National Day'),
  ('2026-10-02', 'holiday', '国庆节', 'National Day'),
  ('2026-10-03', 'holiday', '国庆节', 'National Day'),
  ('2026-10-04', 'holiday', '国庆节', 'National Day'),
  ('2026-10-05', 'holiday', '国庆节', 'National Day'),
  ('2026-10-06', 'holiday', '国庆节', 'National Day'),
  ('2026-10-07', 'holiday', '国庆节', 'National Day'),
  ('2026-10-10', 'makeup_workday', '国庆节', 'National Day')

) AS v(d, k, zh, en);

-- Only a place whose hours have a holiday rule can differ from its weekly pattern on a calendar day.
ALTER TABLE place
  ADD COLUMN holiday_rule boolean GENERATED ALWAYS AS (
    coalesce(opening_hours -> 'holidays', '"as_usual"'::jsonb) <> '"as_usual"'::jsonb) STORED;

-- The intervals that apply on a date whose calendar kind is `day_kind` (NULL: an ordinary day): a dated exception,
-- else the holiday rule (make-up workday: Monday's hours), else the weekly pattern.
CREATE FUNCTION hours_intervals_on(hours jsonb, on_date date, day_kind text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(
    (SELECT e -> 'intervals'
       FROM jsonb_array_elements(coalesce(hours -> 'exceptions', '[]'::jsonb)) AS e
      WHERE e ->> 'date' = to_char(on_date, 'YYYY-MM-DD')
      LIMIT 1),
    CASE
      WHEN day_kind IS NULL OR coalesce(hours -> 'holidays', '"as_usual"'::jsonb) = '"as_usual"'::jsonb THEN NULL
      WHEN day_kind = 'makeup_workday' THEN coalesce(hours -> 'weekly' -> 'mo', '[]'::jsonb)
      WHEN hours -> 'holidays' = '"closed"'::jsonb THEN '[]'::jsonb
      ELSE hours -> 'holidays'
    END,
    hours -> 'weekly' -> ((ARRAY['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'])[extract(isodow FROM on_date)::integer]),
    '[]'::jsonb)
$$;

-- Open at a local date and minute, given the calendar kinds of that date and the day before (`near_kinds`,
-- NULL elements for ordinary days). Immutable: the caller looks the calendar up once per query.
CREATE FUNCTION hours_open_at(hours jsonb, local_date date, local_minute integer, near_kinds text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN hours IS NULL THEN NULL ELSE
    EXISTS (
      SELECT 1 FROM jsonb_array_elements(hours_intervals_on(hours, local_date, near_kinds[1])) AS i
       WHERE hhmm_minutes(i ->> 0) <= local_minute AND local_minute < hhmm_minutes(i ->> 1))
    OR EXISTS (
      SELECT 1 FROM jsonb_array_elements(hours_intervals_on(hours, local_date - 1, near_kinds[2])) AS i
       WHERE local_minute + 1440 < hhmm_minutes(i ->> 1))
  END
$$;

-- The calendar kinds of a date and the day before, for `near_kinds`. Call it as a scalar subquery
-- (`(SELECT holiday_kinds_near($date))`) so it runs once per query, not once per row.
CREATE FUNCTION holiday_kinds_near(local_date date) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT ARRAY[(SELECT kind FROM holiday_calendar WHERE date = local_date),
               (SELECT kind FROM holiday_calendar WHERE date = local_date - 1)]
$$;

-- The functions of 0003 now read the calendar (so they are STABLE, no longer IMMUTABLE).
CREATE OR REPLACE FUNCTION hours_open_at(hours jsonb, local_date date, local_minute integer) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT hours_open_at(hours, local_date, local_minute, holiday_kinds_near(local_date)) $$;

CREATE OR REPLACE FUNCTION place_open_at(status text, status_until date, hours jsonb, local_date date, local_minute integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    ELSE hours_open_at(hours, local_date, local_minute)
  END
$$;

-- The fast path of 0004 with holidays: a place takes the exact path only near one of its dated exceptions, or
-- when it has a holiday rule and today or yesterday is a calendar day (`near_holiday`). Each argument is used
-- once, so the planner still inlines this when the caller passes the calendar as scalar subqueries (InitPlans,
-- evaluated once per query).
CREATE FUNCTION place_open_now(
  status text, status_until date, hours jsonb, open_week int4multirange, exception_dates text[], holiday_rule boolean,
  local_date date, local_minute integer, local_week_minute integer, near_dates text[], near_holiday boolean,
  near_kinds text[]
) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    WHEN hours IS NULL THEN NULL
    WHEN exception_dates && near_dates OR (holiday_rule AND near_holiday)
      THEN hours_open_at(hours, local_date, local_minute, near_kinds)
    ELSE open_week @> local_week_minute
  END
$$;
