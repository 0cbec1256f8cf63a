-- The staff console's sign-in state. Not read models: written by the gateway and `fte staff link`.

-- Secrets the server makes for itself when none is configured (the session cookie key when
-- FTE_SESSION_SECRET is unset), so a restart, or another pod on the same database, keeps using it.
CREATE TABLE IF NOT EXISTS server_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A signed-in browser. The cookie carries the id; only its SHA-256 is kept. token_set_at is the
-- member's at sign-in: rotating the token changes it on staff, and the session no longer matches.
-- Removing the member removes their sessions and sign-in codes with them.
CREATE TABLE IF NOT EXISTS staff_sessions (
  id_hash      text PRIMARY KEY,
  staff_email  text NOT NULL REFERENCES staff (email) ON DELETE CASCADE,
  token_set_at timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sessions_expiry ON staff_sessions (expires_at);

-- One-time sign-in links (first start, `fte staff link`): used once, stored as a hash, expiring.
CREATE TABLE IF NOT EXISTS staff_sign_in_codes (
  code_hash    text PRIMARY KEY,
  staff_email  text NOT NULL REFERENCES staff (email) ON DELETE CASCADE,
  token_set_at timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sign_in_codes_expiry ON staff_sign_in_codes (expires_at);
