package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.RawMail;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Received mail, kept whole (compressed) with its parse status. */
@RegisterConstructorMapper(RawMail.class)
public interface RawMailDao {
  String COLUMNS = "id, message_id, sha256, origin, subject, received_at, status, error, build_id";

  /** Stores the mail unless the same bytes were stored before; returns the id either way. */
  @SqlQuery(
      """
      INSERT INTO raw_mail (message_id, sha256, origin, subject, received_at, content, status,
                            error, build_id, ingested_at)
      VALUES (:m.messageId, :m.sha256, :m.origin, :m.subject, :m.receivedAt, :content, :m.status,
              :m.error, :m.buildId, :now)
      ON CONFLICT (sha256) DO UPDATE SET sha256 = raw_mail.sha256
      RETURNING id""")
  long insert(@BindMethods("m") RawMail m, byte[] content, Instant now);

  @SqlQuery("SELECT " + COLUMNS + " FROM raw_mail WHERE id = :id")
  Optional<RawMail> find(long id);

  @SqlQuery("SELECT content FROM raw_mail WHERE id = :id")
  Optional<byte[]> content(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM raw_mail WHERE status = 'FAILED' ORDER BY id DESC")
  List<RawMail> failed();

  /** The mail kept before with this Message-ID (when it has one) or these exact bytes. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM raw_mail WHERE message_id = :messageId OR sha256 = :sha256"
          + " ORDER BY id LIMIT 1")
  Optional<RawMail> findSame(String messageId, String sha256);

  /** Records what a new attempt at parsing a kept mail came to. */
  @SqlUpdate(
      "UPDATE raw_mail SET status = :status, error = :error, build_id = :buildId,"
          + " subject = COALESCE(:subject, subject) WHERE id = :id")
  void update(long id, ParseStatus status, String error, Long buildId, String subject);

  /** A page of the mail with that status, newest first. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM raw_mail WHERE status = :status ORDER BY id DESC LIMIT :limit OFFSET :offset")
  List<RawMail> byStatus(ParseStatus status, int limit, int offset);

  @SqlQuery("SELECT COUNT(*) FROM raw_mail WHERE status = :status")
  long count(ParseStatus status);
}
