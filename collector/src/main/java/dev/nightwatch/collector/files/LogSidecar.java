package dev.nightwatch.collector.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The metadata that may sit beside a log file as {@code NAME.log.json} or {@code NAME.json}. Every
 * field is optional; what is missing defaults from the file (see {@link LogFileReader}).
 */
public record LogSidecar(
    @JsonProperty("master") String master,
    @JsonProperty("builder") String builder,
    @JsonProperty("number") Integer number,
    @JsonProperty("buildid") Long buildId,
    @JsonProperty("revision") String revision,
    @JsonProperty("branch") String branch,
    @JsonProperty("repository") String repository,
    @JsonProperty("result") String result,
    @JsonProperty("reason") String reason,
    @JsonProperty("started") Instant started,
    @JsonProperty("finished") Instant finished,
    @JsonProperty("worker") String worker,
    @JsonProperty("url") String url,
    @JsonProperty("step") String step,
    @JsonProperty("log") String log,
    @JsonProperty("changes") List<Commit> changes) {

  /** A commit the build contains, as the sidecar names it: its suspects for the notifier. */
  public record Commit(
      @JsonProperty("revision") String revision,
      @JsonProperty("author") String author,
      @JsonProperty("message") String message) {}

  public LogSidecar {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** A sidecar that says nothing, for logs without one. */
  public static final LogSidecar EMPTY =
      new LogSidecar(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null);
}
