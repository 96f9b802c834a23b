package dev.nightwatch.collector.buildbot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The parts of Buildbot's REST API v2 (3.x/4.x) that Nightwatch reads, as records; field names
 * follow the API's snake_case, times are the API's epoch seconds.
 */
public final class ApiModel {
  private ApiModel() {}

  /** {@code /api/v2/builders}: a builder, looked up by id (names cannot be used in paths). */
  public record Builder(int builderid, String name, String description, List<String> tags) {
    public Builder {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /** {@code /api/v2/workers}. */
  public record Worker(int workerid, String name) {}

  /**
   * {@code /api/v2/builds}: a build; {@code results} is null while it runs; {@code properties}
   * (present with {@code ?property=…}) maps a name to its {@code [value, source]} pair.
   */
  public record Build(
      long buildid,
      int builderid,
      int number,
      Long buildrequestid,
      Integer workerid,
      boolean complete,
      Instant startedAt,
      Instant completeAt,
      Integer results,
      String stateString,
      Map<String, List<Object>> properties) {
    public Build {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A property's value as text, or null when the build does not have it (or it is null). */
    public String property(String name) {
      List<Object> pair = properties.get(name);
      return pair == null || pair.isEmpty() || pair.get(0) == null
          ? null
          : String.valueOf(pair.get(0));
    }
  }

  /** {@code /api/v2/builds/N/steps}. */
  public record Step(
      long stepid,
      long buildid,
      int number,
      String name,
      boolean complete,
      Instant startedAt,
      Instant completeAt,
      Integer results,
      String stateString,
      boolean hidden) {}

  /** {@code /api/v2/steps/N/logs}: a log's metadata; {@code type} is {@code s} for stdio. */
  public record Log(
      long logid,
      long stepid,
      String name,
      String slug,
      String type,
      int numLines,
      boolean complete) {}

  /** {@code /api/v2/builds/N/changes} or {@code /api/v2/changes}: a change (commit). */
  public record Change(
      long changeid,
      String revision,
      String branch,
      String repository,
      String project,
      String author,
      String comments,
      String revlink,
      Instant whenTimestamp,
      List<String> files) {
    public Change {
      files = files == null ? List.of() : List.copyOf(files);
    }
  }
}
