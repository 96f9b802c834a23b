package dev.nightwatch.collector.buildbot;

import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches one finished build from a master, whole: the build with all its properties, its steps,
 * each step's stdio and text logs (raw, streamed to temporary files), and its changes (the
 * blamelist). A log the master answers 404 for is skipped and reported; anything else that fails
 * fails the build, so it is fetched again on the next pass.
 */
public final class BuildFetcher {
  private final String masterName;
  private final String masterUrl;
  private final BuildbotHttp http;
  private final ApiReader reader = new ApiReader();
  private final long maxLogBytes;
  private final Path tempRoot;
  private final Map<Integer, ApiModel.Builder> builders = new ConcurrentHashMap<>();
  private final Map<Integer, String> workers = new ConcurrentHashMap<>();

  /**
   * @param masterUrl the master's web address, the base of build links ({@code
   *     …/#builders/B/builds/N})
   * @param tempRoot where logs wait between download and ingest (null: the system's temp dir)
   */
  public BuildFetcher(
      String masterName, String masterUrl, BuildbotHttp http, long maxLogBytes, Path tempRoot) {
    this.masterName = masterName;
    this.masterUrl = masterUrl.endsWith("/") ? masterUrl : masterUrl + "/";
    this.http = http;
    this.maxLogBytes = maxLogBytes;
    this.tempRoot = tempRoot;
  }

  /** Reads the master's builders and workers again (names for ids); done once a pass. */
  public void refreshNames() throws IOException, InterruptedException, ApiFormatException {
    for (ApiModel.Builder b : reader.builders(http.get("builders"))) {
      builders.put(b.builderid(), b);
    }
    for (ApiModel.Worker w : reader.workers(http.get("workers"))) {
      workers.put(w.workerid(), w.name());
    }
  }

  /** The builder's name, or null when the master did not list it. */
  public String builderName(int builderid) {
    ApiModel.Builder b = builders.get(builderid);
    return b == null ? null : b.name();
  }

  /** One build by its id ({@code builds/N}), with every property; empty list if none. */
  public ApiModel.Build build(long buildid)
      throws IOException, InterruptedException, ApiFormatException {
    List<ApiModel.Build> found = reader.builds(http.get("builds/" + buildid + "?property=*"));
    if (found.isEmpty()) {
      throw new BuildbotHttpException(
          http.api().resolve("builds/" + buildid).toString(), 404, "no such build", null);
    }
    return found.get(0);
  }

  /** Fetches the build's details and logs; the caller closes the result to delete the logs. */
  public FetchedBuild fetch(ApiModel.Build summary)
      throws IOException, InterruptedException, ApiFormatException {
    if (!summary.complete() || summary.completeAt() == null) {
      throw new IllegalArgumentException("build " + summary.buildid() + " has not finished");
    }
    ApiModel.Build build = summary.properties().isEmpty() ? build(summary.buildid()) : summary;
    if (builderName(build.builderid()) == null) {
      refreshNames();
    }
    String builder = builderName(build.builderid());
    if (builder == null) {
      throw new ApiFormatException(
          "build "
              + build.buildid()
              + " names builder "
              + build.builderid()
              + ", which the master does not list",
          null);
    }
    Path dir =
        tempRoot == null
            ? Files.createTempDirectory("nightwatch-build-")
            : Files.createTempDirectory(Files.createDirectories(tempRoot), "build-");
    List<FetchedBuild.Skip> skipped = new ArrayList<>();
    try {
      List<StepRecord> steps = steps(build, dir, skipped);
      List<Change> changes = changes(build);
      String revision = first(build.property("got_revision"), build.property("revision"));
      BuildRecord record =
          new BuildRecord(
              masterName,
              SourceKind.BUILDBOT,
              masterUrl,
              builder,
              (long) build.builderid(),
              build.number(),
              build.buildid(),
              revision,
              emptyToNull(build.property("branch")),
              emptyToNull(build.property("repository")),
              BuildResult.fromBuildbotCode(build.results()),
              build.stateString(),
              emptyToNull(build.property("reason")),
              build.startedAt(),
              build.completeAt(),
              buildUrl(masterUrl, build.builderid(), build.number()),
              first(build.property("workername"), workerName(build.workerid())),
              changes,
              steps);
      return new FetchedBuild(record, skipped, dir);
    } catch (IOException | InterruptedException | ApiFormatException | RuntimeException e) {
      new FetchedBuild(null, List.of(), dir).close();
      throw e;
    }
  }

  /** The web page of a build, as Buildbot's mail links to it. */
  public static String buildUrl(String masterUrl, int builderid, int number) {
    String base = masterUrl.endsWith("/") ? masterUrl : masterUrl + "/";
    return base + "#builders/" + builderid + "/builds/" + number;
  }

  private List<StepRecord> steps(ApiModel.Build build, Path dir, List<FetchedBuild.Skip> skipped)
      throws IOException, InterruptedException, ApiFormatException {
    List<StepRecord> out = new ArrayList<>();
    for (ApiModel.Step step : reader.steps(http.get("builds/" + build.buildid() + "/steps"))) {
      List<LogRecord> logs = new ArrayList<>();
      for (ApiModel.Log log : reader.logs(http.get("steps/" + step.stepid() + "/logs"))) {
        if (!"s".equals(log.type()) && !"t".equals(log.type())) {
          continue; // HTML logs are summaries of the others
        }
        Path file = dir.resolve("log-" + log.logid() + ".txt");
        try {
          http.download("logs/" + log.logid() + "/raw", file, maxLogBytes);
        } catch (BuildbotHttpException e) {
          if (!e.notFound() && e.status() != 413) {
            throw e;
          }
          skipped.add(new FetchedBuild.Skip(e.url(), e.status(), e.getMessage()));
          continue;
        }
        logs.add(new LogRecord(log.name(), () -> Files.newInputStream(file)));
      }
      out.add(
          new StepRecord(
              step.number(),
              step.name(),
              BuildResult.fromBuildbotCode(step.results()),
              step.stateString(),
              step.startedAt(),
              step.completeAt(),
              logs));
    }
    return out;
  }

  private List<Change> changes(ApiModel.Build build)
      throws IOException, InterruptedException, ApiFormatException {
    List<Change> out = new ArrayList<>();
    for (ApiModel.Change c : reader.changes(http.get("builds/" + build.buildid() + "/changes"))) {
      if (c.revision() == null || c.revision().isBlank()) {
        continue;
      }
      out.add(
          new Change(
              c.revision(),
              c.author(),
              c.comments(),
              emptyToNull(c.repository()),
              emptyToNull(c.branch()),
              c.whenTimestamp()));
    }
    return out;
  }

  private String workerName(Integer workerid) {
    return workerid == null ? null : workers.get(workerid);
  }

  private static String first(String a, String b) {
    return emptyToNull(a) != null ? a : emptyToNull(b);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
