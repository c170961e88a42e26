-- Foundation: regions, grids, units, categories, calendar, users, sessions, audit.
-- Every row that belongs somewhere carries a region code (12-digit 统计用区划代码) or a grid
-- code under it, so scope is a prefix match and the tables can later shard by city.

CREATE TABLE regions (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  level text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village')),
  kind text,
  parent_code text REFERENCES regions (code),
  geometry jsonb,
  min_lng double precision,
  min_lat double precision,
  max_lng double precision,
  max_lat double precision,
  center_lng double precision,
  center_lat double precision,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_code_prefix_idx ON regions (code text_pattern_ops);
CREATE INDEX regions_level_idx ON regions (level);

CREATE TABLE grids (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}([0-9]{3}|[A-Z][0-9]{3})$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('basic', 'specialized')),
  specialty text CHECK (specialty IN ('fire', 'environment', 'food_drug', 'city_management')),
  region_code text NOT NULL REFERENCES regions (code),
  geometry jsonb NOT NULL,
  area_m2 double precision NOT NULL CHECK (area_m2 > 0),
  min_lng double precision NOT NULL,
  min_lat double precision NOT NULL,
  max_lng double precision NOT NULL,
  max_lat double precision NOT NULL,
  source text NOT NULL DEFAULT 'generated' CHECK (source IN ('generated', 'imported', 'drawn')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'basic' AND specialty IS NULL AND code ~ '^[0-9]{15}$' AND left(code, 12) = region_code)
      OR (kind = 'specialized' AND specialty IS NOT NULL AND code !~ '^[0-9]{15}$'))
);
CREATE INDEX grids_region_idx ON grids (region_code text_pattern_ops);
CREATE INDEX grids_bbox_idx ON grids (min_lng, max_lng, min_lat, max_lat);

-- A change counter per topic: app processes compare it to rebuild in-memory indexes.
CREATE TABLE revisions (
  topic text PRIMARY KEY,
  revision bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO revisions (topic) VALUES ('grids');

CREATE TABLE units (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_.-]{2,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind IN ('department', 'street_office', 'community_committee', 'property_company', 'enterprise')),
  function text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code),
  parent_id text REFERENCES units (id),
  phone text,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);
CREATE INDEX units_region_idx ON units (region_code text_pattern_ops);
CREATE INDEX units_function_idx ON units (function, region_code);

CREATE TABLE categories (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4,6}$'),
  kind text NOT NULL CHECK (kind IN ('component', 'event', 'social')),
  major_code text NOT NULL CHECK (major_code ~ '^[0-9]{2}$'),
  major_name text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  default_units jsonb NOT NULL,
  limit_urgent text NOT NULL CHECK (limit_urgent ~ '^[1-9][0-9]{0,2}[hd]$'),
  limit_normal text NOT NULL CHECK (limit_normal ~ '^[1-9][0-9]{0,2}[hd]$'),
  closing_standard text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, major_code, name)
);

CREATE TABLE calendar_years (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  holidays jsonb NOT NULL,
  makeup_workdays jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The region subtrees a user works in (every role but unit handlers is bound to at least one).
CREATE TABLE user_regions (
  user_id uuid NOT NULL REFERENCES users (id),
  region_code text NOT NULL REFERENCES regions (code),
  PRIMARY KEY (user_id, region_code)
);
CREATE TABLE user_units (
  user_id uuid NOT NULL REFERENCES users (id),
  unit_id text NOT NULL REFERENCES units (id),
  PRIMARY KEY (user_id, unit_id)
);
-- Grid workers and grid leaders of a grid (网格员 / 网格长).
CREATE TABLE grid_members (
  grid_code text NOT NULL REFERENCES grids (code),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('grid_worker', 'grid_leader')),
  full_time boolean NOT NULL DEFAULT true,
  PRIMARY KEY (grid_code, user_id)
);
CREATE INDEX grid_members_user_idx ON grid_members (user_id);

-- Sessions live in the database so app processes stay stateless. id = sha256(token).
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The security audit (等保三级: logins, failures, lockouts, admin changes); kept ≥ 180 days.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  action text NOT NULL,
  target text,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  ip text,
  details jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
