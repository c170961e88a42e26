-- Open311 GeoReport v2: the API keys of outside clients (apps, 12345 platforms, partner systems)
-- that may POST service requests. Only the SHA-256 of a key is kept; the key itself is shown once,
-- when it is issued. A revoked key stays (inactive) so cases it made still name their client.

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9_.-]{2,64}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
