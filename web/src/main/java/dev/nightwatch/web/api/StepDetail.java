package dev.nightwatch.web.api;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.Step;
import java.time.Instant;
import java.util.List;

/** A step of a build with its logs. */
public record StepDetail(
    long id,
    int number,
    String name,
    BuildResult result,
    String stateString,
    Instant startedAt,
    Instant finishedAt,
    List<LogInfo> logs) {
  public StepDetail {
    logs = List.copyOf(logs);
  }

  /** The step with those of {@code logs} that belong to it. */
  public static StepDetail of(Step step, List<LogInfo> logs) {
    return new StepDetail(
        step.id(),
        step.number(),
        step.name(),
        step.result(),
        step.stateString(),
        step.startedAt(),
        step.finishedAt(),
        logs.stream().filter(l -> l.stepId() == step.id()).toList());
  }
}
