package dev.nightwatch.web.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.LogInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A build with the commits it contains and its steps and logs. */
public record BuildDetail(Build build, List<Change> changes, List<StepDetail> steps) {
  public BuildDetail {
    changes = List.copyOf(changes);
    steps = List.copyOf(steps);
  }

  /**
   * The log a triager reads first: the stdio of the first step that failed, else the last stdio
   * log, else the first log of any name.
   */
  @JsonIgnore
  public Optional<LogInfo> primaryLog() {
    List<LogInfo> logs = steps.stream().flatMap(s -> s.logs().stream()).toList();
    Optional<LogInfo> failed =
        steps.stream()
            .filter(s -> s.result() == BuildResult.FAILURE || s.result() == BuildResult.EXCEPTION)
            .flatMap(s -> s.logs().stream())
            .filter(l -> l.name().equals("stdio"))
            .findFirst();
    if (failed.isPresent()) {
      return failed;
    }
    Optional<LogInfo> lastStdio =
        logs.stream().filter(l -> l.name().equals("stdio")).reduce((a, b) -> b);
    return lastStdio.isPresent() ? lastStdio : logs.stream().findFirst();
  }

  /**
   * The log a request asks for: the one with the given id, which must belong to this build, or else
   * the primary log; empty when there is no such log.
   */
  public Optional<LogInfo> log(OptionalLong logId) {
    if (logId.isEmpty()) {
      return primaryLog();
    }
    return steps.stream()
        .flatMap(s -> s.logs().stream())
        .filter(l -> l.id() == logId.getAsLong())
        .findFirst();
  }
}
