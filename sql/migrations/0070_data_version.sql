-- One counter that every write to public data bumps, in the writing transaction: the edge cache puts it in its
-- keys (api/middleware/edge-cache.ts), so an edit is a new key and never waits for an old entry to expire.
-- A single row, not a sequence: nextval() is visible before the write commits, and a reader could then store the
-- old data under the new version. The bump runs at commit (deferred), once per transaction, so the row lock is
-- held only for the commit itself and is always the last lock a writer takes (no lock-order deadlocks).
CREATE TABLE data_version (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  version  bigint NOT NULL
);
INSERT INTO data_version (id, version) VALUES (true, 1);

CREATE FUNCTION bump_data_version() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF current_setting('waystation.data_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE data_version SET version = version + 1;
    PERFORM set_config('waystation.data_version_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END
$$;

-- Everything a public answer is made of: places (with their live status), confirmations, the holiday calendar
-- (opening hours), organisations and areas (names).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['place', 'place_confirmation', 'holiday_calendar', 'organisation', 'area'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()',
                   t || '_bumps_data_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
                   t || '_truncate_bumps_data_version', t);
  END LOOP;
END
$$;
