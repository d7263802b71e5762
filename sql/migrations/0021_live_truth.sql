-- What is true on the ground now: per-amenity status, staffed hours beside opening hours, how to get in, and the
-- public's one-tap confirmations. The TypeScript twins are api/domain/amenity-status.ts and confirmations.ts.

ALTER TABLE place
  -- {"meal_heating": {"status": "out_of_order", "until": "2026-12-01", "reason_zh": "…", "reason_en": "…"}};
  -- an entry counts through its until-date (inclusive) and lapses by itself after it.
  ADD COLUMN amenity_status jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(amenity_status) = 'object'),
  -- When someone is on duty (same shape as opening_hours); NULL = not said.
  ADD COLUMN staffed_hours jsonb,
  -- {"method": "walk_in" | "ask_staff" | "scan_code" | "key_from_counter", "note_zh": "…", "note_en": "…"}
  ADD COLUMN access jsonb,
  -- When the newest public confirmation was made: places without one in the last 24 h skip the weighing.
  ADD COLUMN last_confirmed_at timestamptz;

-- Public one-tap confirmations. Append-only; nothing about the person (no account, no position, no address).
CREATE TABLE place_confirmation (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_id    text NOT NULL REFERENCES place (id),
  kind        text NOT NULL CHECK (kind IN ('open', 'closed', 'amenity_broken')),
  amenity     text,
  created_at  timestamptz NOT NULL,
  CHECK ((kind = 'amenity_broken') = (amenity IS NOT NULL))
);
CREATE INDEX place_confirmation_place_idx ON place_confirmation (place_id, created_at DESC);

-- The two functions below read rows, so the planner could never inline them; in PL/pgSQL it does not even try
-- (parsing a SQL body on every query that mentions it), and their plans are cached for the session.

-- Amenities out of order on a local date ('YYYY-MM-DD'; the until-date is inclusive).
CREATE FUNCTION amenities_out_of_order(amenity_status jsonb, local_date text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN ARRAY(
    SELECT s.key
      FROM jsonb_each(amenity_status) AS s(key, value)
     WHERE s.value ->> 'status' = 'out_of_order' AND (s.value ->> 'until' IS NULL OR s.value ->> 'until' >= local_date)
     ORDER BY s.key);
END
$$;

-- A confirmation's weight at an instant: 1 when just made, halving every 30 minutes, 0 once 24 hours old (and 0
-- for one made after the instant, which an `at=` in the past can see).
CREATE FUNCTION confirmation_weight(made_at timestamptz, at_instant timestamptz) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN made_at > at_instant OR made_at <= at_instant - interval '24 hours' THEN 0::double precision
    ELSE power(0.5::double precision, extract(epoch FROM at_instant - made_at)::double precision / 1800)
  END
$$;

-- "Likely closed": the weight of "closed" is at least 0.25 (one tap within the hour, or several older ones) and
-- outweighs "open". Confirmations a staff verification has answered (made before last_verified_at) no longer count.
CREATE FUNCTION place_likely_closed(for_place text, verified_at timestamptz, at_instant timestamptz) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
  closed_weight double precision;
  open_weight double precision;
BEGIN
  SELECT coalesce(sum(w) FILTER (WHERE weighed.kind = 'closed'), 0), coalesce(sum(w) FILTER (WHERE weighed.kind = 'open'), 0)
    INTO closed_weight, open_weight
    FROM (
      SELECT c.kind, confirmation_weight(c.created_at, at_instant) AS w
        FROM place_confirmation AS c
       WHERE c.place_id = for_place
         AND c.kind IN ('open', 'closed')
         AND c.created_at > at_instant - interval '24 hours'
         AND c.created_at <= at_instant
         AND (verified_at IS NULL OR verified_at > at_instant OR c.created_at > verified_at)
    ) AS weighed;
  RETURN closed_weight >= 0.25 AND closed_weight - open_weight > 1e-9;
END
$$;
