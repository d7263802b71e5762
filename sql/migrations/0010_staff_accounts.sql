-- Staff accounts (no open sign-up: scripts/user-add.ts and admins create them), their organisations and sessions.
CREATE TABLE staff_account (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  role           text NOT NULL CHECK (role IN ('admin', 'editor')),
  -- Self-describing: pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>.
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  disabled_at    timestamptz
);

-- An editor edits only the places of the organisations he is assigned to.
CREATE TABLE staff_account_organisation (
  account_id      bigint NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  organisation_id text NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (account_id, organisation_id)
);

-- Only the SHA-256 of the cookie token is stored: a copy of this table does not let anyone sign in.
CREATE TABLE staff_session (
  token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  account_id  bigint NOT NULL REFERENCES staff_account (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX staff_session_account_idx ON staff_session (account_id);

-- Fixed-window counters (login failures per account and per client, reports per client). Kept in the
-- database so a restart does not lift a lockout. Client keys are salted hashes, never addresses.
CREATE TABLE rate_limit (
  bucket        text NOT NULL,
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL CHECK (hits >= 0),
  PRIMARY KEY (bucket, key)
);

-- Secrets the app generates once per database (the salt of client keys).
CREATE TABLE app_secret (
  name   text PRIMARY KEY,
  value  text NOT NULL
);
