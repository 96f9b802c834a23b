package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a collector stopped reading a source, so it resumes there after a restart. */
public record IngestCursor(long sourceId, String name, String value, Instant updatedAt) {
  public IngestCursor {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
  }
}
