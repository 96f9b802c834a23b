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

  /** This failure as placed in a cluster: its signature, normalized text and why it is there. */
  public FailureDocument placed(
      String fingerprint,
      String normalizedText,
      int normalizationVersion,
      long clusterId,
      double score,
      String method,
      Long matchId,
      int clusterVersion) {
    return new FailureDocument(
        id,
        buildId,
        kind,
        testName,
        testFile,
        keyLine,
        excerpt,
        fingerprint,
        normalizedText,
        normalizationVersion,
        clusterId,
        score,
        method,
        matchId,
        clusterVersion,
        flaky,
        builder,
        worker,
        branch,
        revision,
        time);
  }
}
