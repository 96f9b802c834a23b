package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Builder;
import dev.nightwatch.schema.model.Worker;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Builders and the workers that run them, each unique by name within a source. */
@RegisterConstructorMapper(Builder.class)
@RegisterConstructorMapper(Worker.class)
public interface BuilderDao {
  /** Inserts the builder or finds it by (source, name), keeping known details; returns its id. */
  @SqlQuery(
      """
      INSERT INTO builders (source_id, name, external_id, description)
      VALUES (:sourceId, :name, :externalId, :description)
      ON CONFLICT (source_id, name) DO UPDATE SET
        external_id = COALESCE(excluded.external_id, builders.external_id),
        description = COALESCE(excluded.description, builders.description)
      RETURNING id""")
  long upsert(long sourceId, String name, Long externalId, String description);

  @SqlQuery("SELECT id, source_id, name, external_id, description FROM builders WHERE id = :id")
  Optional<Builder> find(long id);

  @SqlQuery("SELECT id, source_id, name, external_id, description FROM builders ORDER BY name, id")
  List<Builder> list();

  /** One row of the builders grid: a builder and its source's name. */
  record Listed(long id, String sourceName, String name) {}

  /** A page of builders by source and name. */
  @SqlQuery(
      """
      SELECT r.id, s.name AS source_name, r.name FROM builders r JOIN sources s ON s.id = r.source_id
       ORDER BY s.name, r.name, r.id LIMIT :limit OFFSET :offset""")
  @RegisterConstructorMapper(Listed.class)
  List<Listed> page(int offset, int limit);

  /** A builder by name, the first stored when several sources have one of that name. */
  @SqlQuery(
      "SELECT id, source_id, name, external_id, description FROM builders WHERE name = :name"
          + " ORDER BY id LIMIT 1")
  Optional<Builder> findByName(String name);

  /** Inserts the worker or finds it by (source, name); returns its id. */
  @SqlQuery(
      """
      INSERT INTO workers (source_id, name, external_id) VALUES (:sourceId, :name, :externalId)
      ON CONFLICT (source_id, name) DO UPDATE SET
        external_id = COALESCE(excluded.external_id, workers.external_id)
      RETURNING id""")
  long upsertWorker(long sourceId, String name, Long externalId);

  @SqlQuery("SELECT id, source_id, name, external_id FROM workers WHERE id = :id")
  Optional<Worker> findWorker(long id);
}
