package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.IngestCursor;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Collectors' resume positions, one per source and name. */
@RegisterConstructorMapper(IngestCursor.class)
public interface IngestCursorDao {
  @SqlUpdate(
      """
      INSERT INTO ingest_cursors (source_id, name, value, updated_at)
      VALUES (:c.sourceId, :c.name, :c.value, :c.updatedAt)
      ON CONFLICT (source_id, name) DO UPDATE SET
        value = excluded.value, updated_at = excluded.updated_at""")
  void save(@BindMethods("c") IngestCursor c);

  @SqlQuery(
      """
      SELECT source_id, name, value, updated_at FROM ingest_cursors
       WHERE source_id = :sourceId AND name = :name""")
  Optional<IngestCursor> find(long sourceId, String name);
}
