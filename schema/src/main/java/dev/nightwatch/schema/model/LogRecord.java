package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/** A log as a collector delivers it: its name within the step ("stdio") and its bytes. */
public record LogRecord(String name, LogContent content) {
  public LogRecord {
    requireNonNull(name, "name");
    requireNonNull(content, "content");
  }
}
