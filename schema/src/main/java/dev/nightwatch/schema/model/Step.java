package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One step of a build (checkout, compile, test…), numbered from 0 in build order. */
public record Step(
    long id,
    long buildId,
    int number,
    String name,
    BuildResult result,
    String stateString,
    Instant startedAt,
    Instant finishedAt) {
  public Step {
    requireNonNull(name, "name");
    requireNonNull(result, "result");
  }
}
