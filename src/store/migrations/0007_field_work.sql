-- A grid worker's field work (走访 / 巡查 / 签到 / 轨迹): patrols with their track (kept only after
-- the worker's consent, shown when the patrol starts) and visits to households and places, each
-- submitted once per idempotency key so an offline queue can resend safely.

CREATE TABLE patrols (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  region_code text NOT NULL, -- where it started (village code)
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  consent_at timestamptz NOT NULL,
  points int NOT NULL DEFAULT 0,
  distance_m double precision NOT NULL DEFAULT 0,
  idempotency_key text NOT NULL UNIQUE
);
-- One patrol at a time per worker.
CREATE UNIQUE INDEX patrols_open_idx ON patrols (user_id) WHERE ended_at IS NULL;
CREATE INDEX patrols_user_idx ON patrols (user_id, started_at);

CREATE TABLE patrol_points (
  patrol_id uuid NOT NULL REFERENCES patrols (id),
  at timestamptz NOT NULL,
  lng double precision NOT NULL,
  lat double precision NOT NULL,
  accuracy_m double precision,
  PRIMARY KEY (patrol_id, at)
);

CREATE TABLE visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('household', 'place')),
  target text NOT NULL CHECK (length(target) BETWEEN 1 AND 100),
  note text,
  lng double precision NOT NULL,
  lat double precision NOT NULL,
  grid_code text NOT NULL,
  region_code text NOT NULL,
  in_own_grid boolean NOT NULL,
  photos jsonb NOT NULL DEFAULT '[]',
  at timestamptz NOT NULL,
  idempotency_key text NOT NULL UNIQUE
);
CREATE INDEX visits_user_at_idx ON visits (user_id, at);
CREATE INDEX visits_region_at_idx ON visits (region_code text_pattern_ops, at);
