-- The case loop: cases (every report from any channel is a case; duplicates merge), their
-- timeline (case_events: the audit trail, append-only), the outbox (messages written in the
-- same transaction, relayed after commit), attachments, supervision orders.
--
-- Cases refer to master data (category, grid, region, units, users) by code WITHOUT foreign keys,
-- on purpose: the commands validate them; a case keeps the grid it was reported in even after real
-- grid boundaries replace the generated ones; and a foreign-key check share-locks the referenced
-- row, which turns every intake into a write on the same hot category/user rows (multixacts).

CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Human-readable number: city code + local yyyymmdd + 7-digit sequence, e.g. 3506-20261123-0000042.
  code text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('grid_worker', 'resident', 'merchant', 'hotline', 'sensor', 'upper_level', 'open311')),
  state text NOT NULL,
  category_code text,
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  address text,
  lng double precision NOT NULL,
  lat double precision NOT NULL,
  grid_code text NOT NULL,
  region_code text NOT NULL,
  -- Reporter contact, sealed: AES-GCM ciphertext and a keyed hash for exact lookup; never plain.
  reporter_name_sealed text,
  reporter_phone_sealed text,
  reporter_phone_hash text,
  reporter_user_id uuid,
  idempotency_key text NOT NULL,
  lead_unit_id text,
  co_unit_ids text[] NOT NULL DEFAULT '{}',
  pending_request text CHECK (pending_request IN ('extension', 'suspension')),
  pending_request_data jsonb,
  deadline_at timestamptz,
  step_deadline_at timestamptz,
  suspended_at timestamptz,
  suspended_ms bigint NOT NULL DEFAULT 0,
  colour text NOT NULL DEFAULT 'green' CHECK (colour IN ('green', 'yellow', 'red')),
  merged_into uuid,
  verified boolean,
  rework_count int NOT NULL DEFAULT 0,
  return_count int NOT NULL DEFAULT 0,
  reassign_count int NOT NULL DEFAULT 0,
  reopen_count int NOT NULL DEFAULT 0,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  published_at timestamptz,
  result text,
  reported_at timestamptz NOT NULL,
  registered_at timestamptz,
  dispatched_at timestamptz,
  acknowledged_at timestamptz,
  reported_back_at timestamptz,
  closed_at timestamptz,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  UNIQUE (idempotency_key)
);
CREATE INDEX cases_region_idx ON cases (region_code text_pattern_ops);
CREATE INDEX cases_state_idx ON cases (state, region_code);
CREATE INDEX cases_unit_idx ON cases (lead_unit_id, state);
CREATE INDEX cases_reported_at_idx ON cases (reported_at);
CREATE INDEX cases_deadline_idx ON cases (deadline_at) WHERE closed_at IS NULL;
CREATE INDEX cases_category_idx ON cases (category_code, reported_at);
CREATE INDEX cases_phone_hash_idx ON cases (reporter_phone_hash);
-- Duplicate suggestions: open cases of a category in a latitude band.
CREATE INDEX cases_open_category_lat_idx ON cases (category_code, lat) WHERE closed_at IS NULL;

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  actor_role text,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  note text,
  attachments jsonb NOT NULL DEFAULT '[]',
  data jsonb
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
CREATE INDEX case_events_at_idx ON case_events (at);

CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE delivered_at IS NULL;

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid REFERENCES cases (id),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes int NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id)
);
CREATE INDEX attachments_case_idx ON attachments (case_id);

CREATE TABLE supervision_orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('auto', 'manual', 'urge')),
  level text NOT NULL CHECK (level IN ('yellow', 'red', 'manual')),
  unit_id text REFERENCES units (id),
  issued_at timestamptz NOT NULL,
  issued_by uuid REFERENCES users (id),
  note text
);
CREATE INDEX supervision_orders_case_idx ON supervision_orders (case_id);
-- The sweep issues each automatic order (yellow at 80 %, red past 100 %) once per case.
CREATE UNIQUE INDEX supervision_orders_auto_once ON supervision_orders (case_id, level) WHERE kind = 'auto';

-- Case numbers: city + local day + a sequence number. A sequence, not a counter row, so that
-- concurrent intakes never queue on one locked row (numbers are unique, not reset daily).
CREATE SEQUENCE case_number_seq;
