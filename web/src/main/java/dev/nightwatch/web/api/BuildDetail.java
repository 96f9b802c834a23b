package dev.nightwatch.web.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.BuildVerdict;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.Failure;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.Notification;
import dev.nightwatch.schema.model.TestOutcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A build with the analyzer's verdict, the commits it contains, its steps and logs, the failures
 * found in them, an outcome for every test they show, its new commits (the suspects of a breakage)
 * and every decision the notifier made about it, with the comment posted or drafted.
 */
public record BuildDetail(
    Build build,
    BuildVerdict verdict,
    List<Change> changes,
    List<StepDetail> steps,
    List<Failure> failures,
    List<TestOutcome> tests,
    List<Change> suspects,
    List<Notification> notifications) {
  public BuildDetail {
    suspects = List.copyOf(suspects);
    notifications = List.copyOf(notifications);
    changes = List.copyOf(changes);
    steps = List.copyOf(steps);
    failures = List.copyOf(failures);
    tests = List.copyOf(tests);
  }

  /**
   * The log a triager reads first: the one the verdict points at, else the stdio of the first step
   * that failed, else the last stdio log, else the first log of any name.
   */
  @JsonIgnore
  public Optional<LogInfo> primaryLog() {
    if (verdict != null && verdict.logId() != null) {
      Optional<LogInfo> explaining = log(OptionalLong.of(verdict.logId()));
      if (explaining.isPresent()) {
        return explaining;
      }
    }
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
