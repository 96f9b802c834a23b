package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stored build, with the names of its source, builder and worker joined in for display.
 *
 * <p>{@code number} is the builder's build number; {@code externalId} is Buildbot's buildid.
 */
public record Build(
    long id,
    long builderId,
    String sourceName,
    String builderName,
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
    SourceKind origin,
    Instant ingestedAt) {
  public Build {
    requireNonNull(builderName, "builderName");
    requireNonNull(result, "result");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(origin, "origin");
  }

  /** This build with its ingest time cleared, for comparing stored content. */
  public Build withoutIngestTime() {
    return new Build(
        id,
        builderId,
        sourceName,
        builderName,
        number,
        externalId,
        revision,
        branch,
        repository,
        result,
        stateString,
        reason,
        startedAt,
        finishedAt,
        url,
        workerName,
        origin,
        Instant.EPOCH);
  }
}
