package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A failure mail as received, kept with its parse status and error so nothing is lost. */
public record RawMail(
    long id,
    String messageId,
    String sha256,
    String origin,
    String subject,
    Instant receivedAt,
    ParseStatus status,
    String error,
    Long buildId) {
  public RawMail {
    requireNonNull(sha256, "sha256");
    requireNonNull(origin, "origin");
    requireNonNull(status, "status");
  }
}
