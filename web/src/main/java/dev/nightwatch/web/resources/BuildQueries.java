package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.ChangeDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.dao.NotificationDao;
import dev.nightwatch.schema.dao.StepDao;
import dev.nightwatch.schema.dao.TestOutcomeDao;
import dev.nightwatch.schema.dao.VerdictDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildVerdict;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.web.api.BuildDetail;
import dev.nightwatch.web.api.BuildPage;
import dev.nightwatch.web.api.BuildSummary;
import dev.nightwatch.web.api.PageCursor;
import dev.nightwatch.web.api.StepDetail;
import dev.nightwatch.web.ingest.BlameFacts;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Reads builds for the API and the pages, so both show the same thing. */
public final class BuildQueries {
  private final Jdbi jdbi;

  public BuildQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A page of builds, newest first, starting after {@code cursor} (null for the first page). */
  public BuildPage page(String cursor, int limit) {
    PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.parse(cursor);
    // One row more than asked tells whether there is a next page.
    List<Build> found =
        jdbi.withExtension(
            BuildDao.class,
            dao ->
                after == null
                    ? dao.newest(limit + 1)
                    : dao.before(after.finishedAt(), after.id(), limit + 1));
    List<Build> page = found.size() <= limit ? found : found.subList(0, limit);
    String next = found.size() <= limit ? null : PageCursor.after(page.get(limit - 1)).toString();
    return new BuildPage(summaries(page), next);
  }

  private List<BuildSummary> summaries(List<Build> builds) {
    if (builds.isEmpty()) {
      return List.of();
    }
    Map<Long, BuildVerdict> verdicts =
        jdbi
            .withExtension(
                VerdictDao.class, dao -> dao.listByBuilds(builds.stream().map(Build::id).toList()))
            .stream()
            .collect(Collectors.toMap(BuildVerdict::buildId, v -> v));
    return builds.stream().map(b -> new BuildSummary(b, verdicts.get(b.id()))).toList();
  }

  /** The build with its changes, steps and logs; 404 when there is no such build. */
  public BuildDetail detail(long id) {
    return jdbi.withHandle(
        h -> {
          Build build =
              h.attach(BuildDao.class)
                  .find(id)
                  .orElseThrow(() -> new NotFoundException("no build " + id));
          List<LogInfo> logs = h.attach(LogDao.class).listByBuild(id);
          List<StepDetail> steps =
              h.attach(StepDao.class).listByBuild(id).stream()
                  .map(s -> StepDetail.of(s, logs))
                  .toList();
          return new BuildDetail(
              build,
              h.attach(VerdictDao.class).find(id).orElse(null),
              h.attach(ChangeDao.class).listByBuild(id),
              steps,
              h.attach(FailureDao.class).listByBuild(id),
              h.attach(TestOutcomeDao.class).listByBuild(id),
              BlameFacts.suspects(h, build),
              h.attach(NotificationDao.class).listByBuild(id));
        });
  }
}
