-- The map viewport with amenity and open-now filters at low zoom (issue 14): the GIN index on amenities finds ~37,000
-- of 150,000 places, spread over nearly every page of the ~140 MB table, and reading those pages was the cost
-- (100–400 ms). One narrow index now holds every column the viewport's filters read, so the filtered cell query is
-- an index-only scan of the matching entries (~30 MB for all places; a zoom-10 view reads ~4,000 of its pages).
-- Being an index, it is exact after every write by construction: no trigger, nothing to keep in step.

-- The amenities as bits, bit i = the i-th code of the vocabulary (api/domain/amenities.ts, same order; the test
-- tests/api/viewport-filters.test.ts checks both agree). A code outside the vocabulary sets no bit: the API only
-- filters by vocabulary codes. "Has all of these" is then "the bits are one of the supersets of these bits", which
-- a b-tree answers with one descent per superset (2^(12 - k) of them for k amenities asked for).
CREATE FUNCTION amenity_bits(amenities text[]) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(bit_or(1 << (i - 1)), 0)
    FROM unnest(amenities) AS a(code),
         array_position(ARRAY['rest_seating', 'drinking_water', 'first_aid_kit', 'wifi', 'phone_charging',
           'smartphone_help', 'meal_heating', 'toilet', 'air_conditioning', 'ebike_charging', 'umbrella_lending',
           'accessible_entrance'], a.code) AS i
   WHERE i IS NOT NULL
$$;

ALTER TABLE place ADD COLUMN amenity_bits integer GENERATED ALWAYS AS (amenity_bits(amenities)) STORED;

-- The exact path of open now (a dated exception near today, a holiday rule near a calendar day) reads the hours
-- from the place itself, so the filter needs no opening_hours in the index: on an ordinary day it never runs.
CREATE FUNCTION place_hours_open_at(for_place text, local_date date, local_minute integer, near_kinds text[])
RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
  RETURN (SELECT hours_open_at(p.opening_hours, local_date, local_minute, near_kinds) FROM place AS p WHERE p.id = for_place);
END
$$;

-- place_open_now (migration 0020) as a filter, from the index's columns: true exactly when place_open_now is
-- true. Where that gives NULL (no hours), this gives false (open_week and exception_dates are then empty, and
-- holiday_rule false), which a filter (IS TRUE / IS NOT TRUE) cannot tell apart.
CREATE FUNCTION place_open_now_filter(
  for_place text, status text, status_until date, open_week int4multirange, exception_dates text[], holiday_rule boolean,
  local_date date, local_minute integer, local_week_minute integer, near_dates text[], near_holiday boolean,
  near_kinds text[]
) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN status = 'closed' THEN false
    WHEN status = 'temporarily_closed' AND (status_until IS NULL OR status_until >= local_date) THEN false
    WHEN exception_dates && near_dates OR (holiday_rule AND near_holiday)
      THEN place_hours_open_at(for_place, local_date, local_minute, near_kinds)
    ELSE open_week @> local_week_minute
  END
$$;

-- Every column the viewport's cell query reads with category, amenity and open-now filters (the position, the
-- cell's first id, and what open now and working amenities need), keyed by the amenity bits and then longitude:
-- for each superset the scan reads only the box's longitude range (a zoom-14 view: a sixth of the entries).
CREATE INDEX place_filter_idx ON place (amenity_bits, lng)
  INCLUDE (lat, category, id, status, status_until, last_confirmed_at, last_verified_at, holiday_rule,
           amenity_status, exception_dates, open_week)
  WHERE deleted_at IS NULL;
