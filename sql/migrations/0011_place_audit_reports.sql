-- Every staff change to a place, written in the same transaction as the change itself.
CREATE TABLE place_audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_id    text NOT NULL REFERENCES place (id),
  account_id  bigint REFERENCES staff_account (id) ON DELETE SET NULL,
  -- Kept as text so the record still says who after the account is gone.
  username    text NOT NULL,
  action      text NOT NULL CHECK (action IN ('create', 'update', 'move', 'verify', 'delete', 'restore')),
  -- {"field": {"before": …, "after": …}, …}
  changes     jsonb NOT NULL DEFAULT '{}'::jsonb,
  version     integer NOT NULL,
  at          timestamptz NOT NULL
);
CREATE INDEX place_audit_place_idx ON place_audit (place_id, id DESC);

-- Problem reports from the public: no account, no reporter location, text stored as given and rendered inert.
CREATE TABLE place_report (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  place_id         text NOT NULL REFERENCES place (id),
  kind             text NOT NULL CHECK (kind IN ('closed', 'amenity_broken', 'wrong_location', 'wrong_hours', 'other')),
  amenity          text,
  message          text NOT NULL DEFAULT '' CHECK (length(message) <= 500),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  created_at       timestamptz NOT NULL,
  handled_at       timestamptz,
  handled_by       text,
  handling_note    text CHECK (length(handling_note) <= 500),
  CHECK ((kind = 'amenity_broken') = (amenity IS NOT NULL))
);
CREATE INDEX place_report_open_idx ON place_report (place_id, created_at DESC) WHERE status = 'open';
