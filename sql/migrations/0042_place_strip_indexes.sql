-- The map viewport with one filter (issue 14, after 0041): the inner cells of a view come from kept counts, but the
-- partial cells along its four edges are counted from the places, and with open now or an amenity that read every
-- edge place's row from the table (a zoom-14 view: about half its places, ~40 ms of heap visits at 150,000). These
-- two indexes hold every column the filters read (those of place_filter_idx, 0040), keyed by position, so each edge
-- strip is an index-only range scan: left and right strips by longitude, top and bottom by latitude (as the narrow
-- indexes of 0032 and 0033 do for views without those filters).
CREATE INDEX place_strip_lng_idx ON place (lng, lat)
  INCLUDE (category, id, status, status_until, last_confirmed_at, last_verified_at, holiday_rule, amenity_bits,
           amenity_status, exception_dates, open_week)
  WHERE deleted_at IS NULL;
CREATE INDEX place_strip_lat_idx ON place (lat, lng)
  INCLUDE (category, id, status, status_until, last_confirmed_at, last_verified_at, holiday_rule, amenity_bits,
           amenity_status, exception_dates, open_week)
  WHERE deleted_at IS NULL;
