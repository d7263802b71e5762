-- PostGIS provides geography(Point,4326), GiST KNN (<->) and ST_DWithin.
CREATE EXTENSION IF NOT EXISTS postgis;
