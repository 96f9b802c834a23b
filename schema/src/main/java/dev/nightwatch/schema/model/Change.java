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
}
