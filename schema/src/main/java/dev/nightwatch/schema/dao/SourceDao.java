package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Source;
import dev.nightwatch.schema.model.SourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Sources of builds: Buildbot masters, mailboxes, log files. */
@RegisterConstructorMapper(Source.class)
public interface SourceDao {
  /** Inserts the source, or finds it by name (keeping a known URL), and returns its id. */
  @SqlQuery(
      """
      INSERT INTO sources (name, kind, url, created_at) VALUES (:name, :kind, :url, :now)
      ON CONFLICT (name) DO UPDATE SET url = COALESCE(excluded.url, sources.url)
      RETURNING id""")
  long upsert(String name, SourceKind kind, String url, Instant now);

  @SqlQuery("SELECT id, name, kind, url FROM sources WHERE name = :name")
  Optional<Source> findByName(String name);

  /** The first source stored with this web address (a master's URL). */
  @SqlQuery("SELECT id, name, kind, url FROM sources WHERE url = :url ORDER BY id LIMIT 1")
  Optional<Source> findByUrl(String url);

  @SqlQuery("SELECT id, name, kind, url FROM sources ORDER BY name")
  List<Source> list();
}
