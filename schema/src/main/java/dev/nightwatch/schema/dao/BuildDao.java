package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Builds, read with their source, builder and worker names joined in. */
@RegisterConstructorMapper(Build.class)
public interface BuildDao {
  String SELECT =
      """
      SELECT b.id, b.builder_id, s.name AS source_name, r.name AS builder_name, b.number,
             b.external_id, b.revision, b.branch, b.repository, b.result, b.state_string,
             b.reason, b.started_at, b.finished_at, b.url, w.name AS worker_name, b.origin,
             b.ingested_at
        FROM builds b
        JOIN builders r ON r.id = b.builder_id
        JOIN sources s ON s.id = r.source_id
        LEFT JOIN workers w ON w.id = b.worker_id
      """;

  /**
   * Inserts the build, or updates the one with the same builder and number; a field the record
   * leaves null (or a result it calls UNKNOWN) keeps its stored value. Returns the build's id.
   */
  @SqlQuery(
      """
      INSERT INTO builds (builder_id, number, external_id, revision, branch, repository, result,
                          state_string, reason, started_at, finished_at, url, worker_id, origin,
                          ingested_at)
      VALUES (:builderId, :b.number, :b.externalId, :b.revision, :b.branch, :b.repository,
              :b.result, :b.stateString, :b.reason, :b.startedAt, :b.finishedAt, :b.url,
              :workerId, :b.sourceKind, :now)
      ON CONFLICT (builder_id, number) DO UPDATE SET
        external_id  = COALESCE(excluded.external_id, builds.external_id),
        revision     = COALESCE(excluded.revision, builds.revision),
        branch       = COALESCE(excluded.branch, builds.branch),
        repository   = COALESCE(excluded.repository, builds.repository),
        result       = CASE WHEN excluded.result = 'UNKNOWN' THEN builds.result
                            ELSE excluded.result END,
        state_string = COALESCE(excluded.state_string, builds.state_string),
        reason       = COALESCE(excluded.reason, builds.reason),
        started_at   = COALESCE(excluded.started_at, builds.started_at),
        finished_at  = excluded.finished_at,
        url          = COALESCE(excluded.url, builds.url),
        worker_id    = COALESCE(excluded.worker_id, builds.worker_id)
      RETURNING id""")
  long upsert(long builderId, Long workerId, @BindMethods("b") BuildRecord b, Instant now);

  @SqlQuery(SELECT + " WHERE b.id = :id")
  Optional<Build> find(long id);

  @SqlQuery(SELECT + " WHERE b.builder_id = :builderId AND b.number = :number")
  Optional<Build> findByBuilderAndNumber(long builderId, int number);

  /** A build by what identifies it across sources: source, builder and number. */
  @SqlQuery(SELECT + " WHERE s.name = :source AND r.name = :builder AND b.number = :number")
  Optional<Build> findByName(String source, String builder, int number);

  /** The first build stored with this web address (a mail's link to its build). */
  @SqlQuery(SELECT + " WHERE b.url = :url ORDER BY b.id LIMIT 1")
  Optional<Build> findByUrl(String url);

  /** The newest builds first, by finish time then id. */
  @SqlQuery(SELECT + " ORDER BY b.finished_at DESC, b.id DESC LIMIT :limit")
  List<Build> newest(int limit);

  /** The page of builds that finished before the given (finish time, id) position. */
  @SqlQuery(
      SELECT
          + """
           WHERE b.finished_at < :finishedAt OR (b.finished_at = :finishedAt AND b.id < :id)
           ORDER BY b.finished_at DESC, b.id DESC LIMIT :limit""")
  List<Build> before(Instant finishedAt, long id, int limit);

  /**
   * Fills in what a build lacks from a second source (mail after the REST API): a field already
   * stored is never overwritten, a result only where none is known.
   */
  @SqlUpdate(
      """
      UPDATE builds SET
        revision     = COALESCE(revision, :b.revision),
        branch       = COALESCE(branch, :b.branch),
        repository   = COALESCE(repository, :b.repository),
        state_string = COALESCE(state_string, :b.stateString),
        reason       = COALESCE(reason, :b.reason),
        started_at   = COALESCE(started_at, :b.startedAt),
        url          = COALESCE(url, :b.url),
        worker_id    = COALESCE(worker_id, :workerId),
        result       = CASE WHEN result = 'UNKNOWN' THEN :b.result ELSE result END
       WHERE id = :id""")
  void fillMissing(long id, Long workerId, @BindMethods("b") BuildRecord b);

  @SqlQuery("SELECT COUNT(*) FROM builds")
  long count();

  /** One cell of the builders grid: a recent build of a builder, newest first within it. */
  record GridCell(
      long builderId, long id, int number, BuildResult result, Instant finishedAt, int recency) {}

  /**
   * The last {@code perBuilder} builds of each of these builders: per builder one seek of the
   * (builder, finish time) index that stops after {@code perBuilder} rows, however long its
   * history; the window only numbers those few.
   */
  @SqlQuery(
      """
      SELECT builder_id, id, number, result, finished_at,
             ROW_NUMBER() OVER (PARTITION BY builder_id
                                ORDER BY finished_at DESC, id DESC) AS recency
        FROM builds
       WHERE id IN (SELECT q.id FROM builders r
                      JOIN builds q ON q.id IN (
                        SELECT p.id FROM builds p WHERE p.builder_id = r.id
                         ORDER BY p.finished_at DESC, p.id DESC LIMIT :perBuilder)
                     WHERE r.id IN (<builderIds>))
       ORDER BY builder_id, recency""")
  @RegisterConstructorMapper(GridCell.class)
  List<GridCell> lastPerBuilder(@BindList("builderIds") List<Long> builderIds, int perBuilder);

  /**
   * The builders whose last build is red (FAILURE or EXCEPTION), most recently red first: one seek
   * of the (builder, finish time) index per builder.
   */
  @SqlQuery(
      SELECT
          + """
           WHERE b.id IN (
             SELECT (SELECT q.id FROM builds q WHERE q.builder_id = r2.id
                      ORDER BY q.finished_at DESC, q.id DESC LIMIT 1)
               FROM builders r2)
             AND b.result IN ('FAILURE', 'EXCEPTION')
           ORDER BY b.finished_at DESC, b.id DESC LIMIT :limit""")
  List<Build> redNow(int limit);
}
