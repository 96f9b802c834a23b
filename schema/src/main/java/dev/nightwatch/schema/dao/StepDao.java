package dev.nightwatch.schema.dao;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Step;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The steps of builds. */
@RegisterConstructorMapper(Step.class)
public interface StepDao {
  String COLUMNS = "id, build_id, number, name, result, state_string, started_at, finished_at";

  /** Inserts the step or updates the one with the same number in the build; returns its id. */
  @SqlQuery(
      """
      INSERT INTO steps (build_id, number, name, result, state_string, started_at, finished_at)
      VALUES (:buildId, :number, :name, :result, :stateString, :startedAt, :finishedAt)
      ON CONFLICT (build_id, number) DO UPDATE SET
        name         = excluded.name,
        result       = CASE WHEN excluded.result = 'UNKNOWN' THEN steps.result
                            ELSE excluded.result END,
        state_string = COALESCE(excluded.state_string, steps.state_string),
        started_at   = COALESCE(excluded.started_at, steps.started_at),
        finished_at  = COALESCE(excluded.finished_at, steps.finished_at)
      RETURNING id""")
  long upsert(
      long buildId,
      int number,
      String name,
      BuildResult result,
      String stateString,
      Instant startedAt,
      Instant finishedAt);

  @SqlQuery("SELECT " + COLUMNS + " FROM steps WHERE build_id = :buildId ORDER BY number")
  List<Step> listByBuild(long buildId);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM steps WHERE build_id = :buildId AND name = :name ORDER BY number LIMIT 1")
  Optional<Step> findByName(long buildId, String name);

  /** The number a new step appended to the build gets. */
  @SqlQuery("SELECT COALESCE(MAX(number) + 1, 0) FROM steps WHERE build_id = :buildId")
  int nextNumber(long buildId);
}
