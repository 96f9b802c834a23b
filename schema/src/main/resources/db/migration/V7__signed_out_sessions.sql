-- Browser sessions signed out before they expired. A session is a signed cookie the server does not
-- otherwise keep; signing out records the cookie's digest here until the time it would have
-- expired, so a copy of the cookie signs nobody in afterwards. Rows past that time are deleted.
CREATE TABLE signed_out_sessions (
  digest     TEXT      PRIMARY KEY,
  expires_at TIMESTAMP NOT NULL
);
CREATE INDEX signed_out_sessions_expiry ON signed_out_sessions (expires_at);
