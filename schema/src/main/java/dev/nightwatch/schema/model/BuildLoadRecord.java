package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stored build's test load: how many tests it ran, failed at first and newly failed, on which
 * worker, and the incident it was judged to be ({@code NONE}, {@code MASS_FAILURE}, {@code
 * WORKER}).
 */
public record BuildLoadRecord(
    long buildId,
    Long workerId,
    Instant finishedAt,
    int testsRun,
    int testsFailed,
    int testsNewlyFailed,
    String incident) {
  public BuildLoadRecord {
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(incident, "incident");
  }
}
