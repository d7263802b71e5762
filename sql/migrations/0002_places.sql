-- Areas (街道/镇) and organisations are data, so another city can load its own.
CREATE TABLE area (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name_zh     text NOT NULL,
  name_en     text NOT NULL
);

CREATE TABLE organisation (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  name_zh     text NOT NULL,
  name_en     text
);

CREATE TABLE place (
  id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  external_id      text UNIQUE,
  category         text NOT NULL CHECK (category IN ('caring_station', 'clinic', 'talent_apartment', 'training_base')),
  name_zh          text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en          text CHECK (length(name_en) <= 200),
  address_zh       text CHECK (length(address_zh) <= 300),
  address_en       text CHECK (length(address_en) <= 300),
  area_code        text REFERENCES area (code),
  location         geography(Point, 4326) NOT NULL,
  phone            text CHECK (length(phone) <= 40),
  organisation_id  text REFERENCES organisation (id),
  description_zh   text CHECK (length(description_zh) <= 2000),
  description_en   text CHECK (length(description_en) <= 2000),
  -- Codes from the amenity vocabulary in api/domain/amenities.ts, checked by the API.
  amenities        text[] NOT NULL DEFAULT '{}',
  -- {"weekly": {"mo": [["08:00","20:00"]], ...}, "exceptions": [{"date": "2026-10-01", "intervals": []}]}; NULL = unknown.
  opening_hours    jsonb,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'temporarily_closed', 'closed')),
  status_reason    text CHECK (length(status_reason) <= 500),
  status_until     date,
  details          jsonb NOT NULL DEFAULT '{}'::jsonb,
  source           text NOT NULL,
  last_verified_at timestamptz,
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz,
  -- Lower-cased names and address for substring search (strpos works for Chinese, which has no word breaks).
  search_text      text GENERATED ALWAYS AS (
    lower(name_zh || ' ' || coalesce(name_en, '') || ' ' || coalesce(address_zh, '') || ' ' || coalesce(address_en, ''))
  ) STORED
);

CREATE INDEX place_location_gist ON place USING gist (location);
CREATE INDEX place_amenities_gin ON place USING gin (amenities);
CREATE INDEX place_category_idx ON place (category) WHERE deleted_at IS NULL;
CREATE INDEX place_organisation_idx ON place (organisation_id);
