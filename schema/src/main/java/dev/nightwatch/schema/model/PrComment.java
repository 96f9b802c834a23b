package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The one Nightwatch comment on a pull request as last written: GitHub's comment id and address
 * (null for a dry run, which only stores the text it would post).
 */
public record PrComment(
    String repository,
    int prNumber,
    Long commentId,
    String url,
    String body,
    boolean dryRun,
    Instant updatedAt) {
  public PrComment {
    requireNonNull(repository, "repository");
    requireNonNull(body, "body");
    requireNonNull(updatedAt, "updatedAt");
  }
}
