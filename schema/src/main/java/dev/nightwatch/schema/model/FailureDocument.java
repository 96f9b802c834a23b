package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stored failure with the build context it is clustered and searched by: builder, worker, branch,
 * revision and the build's finish time, and the cluster it is in with why (method, score, the
 * failure it was found like, the method's version).
 */
public record FailureDocument(
    long id,
    long buildId,
    FailureKind kind,
    String testName,
    String testFile,
    String keyLine,
    String excerpt,
    String fingerprint,
    String normalizedText,
    Integer normalizationVersion,
    Long clusterId,
    Double clusterScore,
    String clusterMethod,
    Long clusterMatchId,
    Integer clusterVersion,
    boolean flaky,
    String builder,
    String worker,
    String branch,
    String revision,
    Instant time) {
  public FailureDocument {
    requireNonNull(kind, "kind");
    requireNonNull(time, "time");
  }
}
