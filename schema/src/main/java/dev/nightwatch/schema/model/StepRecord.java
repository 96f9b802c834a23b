package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A step as a collector delivers it. A null {@code number} means "the step of this name, or a new
 * one after the others", for sources that do not number steps (log files).
 */
public record StepRecord(
    Integer number,
    String name,
    BuildResult result,
    String stateString,
    Instant startedAt,
    Instant finishedAt,
    List<LogRecord> logs) {
  public StepRecord {
    requireNonNull(name, "name");
    requireNonNull(result, "result");
    logs = List.copyOf(logs);
  }
}
