-- Residents' portal sessions (issue #5): a resident logs in with a phone number and a one-time
-- SMS code, then reports and sees their own reports without a code each time. Like staff
-- sessions, id = sha256(token): the token itself is never stored. PIPL minimum data: the phone's
-- keyed hash (lookup, "end every session of this phone") and the phone sealed for this column
-- (put on the resident's reports so the outcome can be told); no name, no address, no IP or
-- device. Rows are deleted on logout and when found expired (idle or absolute), not kept.
CREATE TABLE resident_sessions (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
  phone_hash text NOT NULL,
  phone_sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK (created_at <= last_seen_at AND last_seen_at <= expires_at)
);
CREATE INDEX resident_sessions_phone_idx ON resident_sessions (phone_hash);
CREATE INDEX resident_sessions_expires_idx ON resident_sessions (expires_at);
