package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A commit a build contains (Buildbot's change or source stamp): the suspects of a breakage. */
public record Change(
    String revision,
    String author,
    String message,
    String repository,
    String branch,
    Instant committedAt) {
  public Change {
    requireNonNull(revision, "revision");
  }

  /** A revision as people quote it: its first ten characters ("" for none). */
  public static String shortRevision(String revision) {
    return revision == null ? "" : revision.substring(0, Math.min(10, revision.length()));
  }
}
