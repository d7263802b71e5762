-- Every change on record (issue 10): imports write place audit rows like staff edits do, and changes that are not
-- to a place (staff accounts, decisions on problem reports) get an audit table of their own.
ALTER TABLE place_audit DROP CONSTRAINT place_audit_action_check;
ALTER TABLE place_audit ADD CONSTRAINT place_audit_action_check
  CHECK (action IN ('create', 'update', 'move', 'verify', 'delete', 'restore', 'import'));

-- The field-wise merge of an edit made on an older version reads the entries after that version.
CREATE INDEX place_audit_place_version_idx ON place_audit (place_id, version);

CREATE TABLE staff_audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Who did it; the username is kept as text so the record still says who after the account is gone.
  account_id  bigint REFERENCES staff_account (id) ON DELETE SET NULL,
  username    text NOT NULL,
  action      text NOT NULL CHECK (action IN ('account_create', 'account_change', 'report_decide')),
  -- What it was done to: 'account:<id>' or 'report:<id>'.
  subject     text NOT NULL CHECK (subject ~ '^(account|report):[0-9]+$'),
  -- The place a report is about, so its history can show the decision (no foreign key: a record outlives rows).
  place_id    text,
  -- {"field": {"before": …, "after": …}, …}; never a password or its hash.
  changes     jsonb NOT NULL DEFAULT '{}'::jsonb,
  at          timestamptz NOT NULL
);
CREATE INDEX staff_audit_subject_idx ON staff_audit (subject, id DESC);
CREATE INDEX staff_audit_place_idx ON staff_audit (place_id, id DESC) WHERE place_id IS NOT NULL;
