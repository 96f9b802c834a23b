package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/**
 * What is known about one stored log without reading it: sizes, line count and a SHA-256 of the raw
 * bytes, which are kept compressed and come back byte for byte.
 */
public record LogInfo(
    long id,
    long buildId,
    long stepId,
    String stepName,
    String name,
    long rawSize,
    long storedSize,
    long lineCount,
    String sha256,
    boolean validUtf8) {
  public LogInfo {
    requireNonNull(name, "name");
    requireNonNull(sha256, "sha256");
  }
}
