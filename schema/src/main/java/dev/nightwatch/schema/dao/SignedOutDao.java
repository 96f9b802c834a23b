package dev.nightwatch.schema.dao;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Browser sessions signed out before they expired, by their cookie's digest. */
public interface SignedOutDao {
  /** Whether the session with this digest was signed out. */
  @SqlQuery("SELECT EXISTS (SELECT 1 FROM signed_out_sessions WHERE digest = :digest)")
  boolean signedOut(String digest);

  /** Records a session signed out, kept until it would have expired; again is harmless. */
  @SqlUpdate(
      """
      INSERT INTO signed_out_sessions (digest, expires_at) VALUES (:digest, :expiresAt)
      ON CONFLICT (digest) DO NOTHING""")
  void signOut(String digest, Instant expiresAt);

  /** Forgets sessions that have expired anyway, and returns how many. */
  @SqlUpdate("DELETE FROM signed_out_sessions WHERE expires_at <= :now")
  int forgetExpired(Instant now);
}
