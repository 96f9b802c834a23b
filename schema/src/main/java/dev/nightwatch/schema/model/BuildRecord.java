package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A build as a collector delivers it, before it is stored: identified by source, builder and
 * number. Null fields are unknown to this source and never erase what another source stored.
 */
public record BuildRecord(
    String sourceName,
    SourceKind sourceKind,
    String sourceUrl,
    String builderName,
    Long builderExternalId,
    int number,
    Long externalId,
    String revision,
    String branch,
    String repository,
    BuildResult result,
    String stateString,
    String reason,
    Instant startedAt,
    Instant finishedAt,
    String url,
    String workerName,
    List<Change> changes,
    List<StepRecord> steps) {
  public BuildRecord {
    requireNonNull(sourceName, "sourceName");
    requireNonNull(sourceKind, "sourceKind");
    requireNonNull(builderName, "builderName");
    requireNonNull(result, "result");
    requireNonNull(finishedAt, "finishedAt");
    if (builderName.isBlank()) {
      throw new IllegalArgumentException("builder name is blank");
    }
    if (number < 0) {
      throw new IllegalArgumentException("build number is negative: " + number);
    }
    changes = List.copyOf(changes);
    steps = List.copyOf(steps);
  }
}
