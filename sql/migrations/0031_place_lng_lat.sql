-- The map viewport counts every place in view into grid cells; taking longitude and latitude out of the geography
-- for each of 150,000 rows cost more than the rest of that query. Kept once as plain numbers (16 bytes a row).
ALTER TABLE place
  ADD COLUMN lng double precision GENERATED ALWAYS AS (ST_X(location::geometry)) STORED,
  ADD COLUMN lat double precision GENERATED ALWAYS AS (ST_Y(location::geometry)) STORED;
