package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.dedup.IndexedFailure;
import dev.nightwatch.schema.model.FailureDocument;

/** A stored failure as the index holds it. */
final class Indexing {
  private Indexing() {}

  static IndexedFailure indexed(FailureDocument f) {
    return indexed(f, f.clusterId(), f.fingerprint(), f.normalizedText());
  }

  static IndexedFailure indexed(
      FailureDocument f, Long clusterId, String fingerprint, String normalizedText) {
    return new IndexedFailure(
        f.id(),
        f.buildId(),
        clusterId,
        f.kind(),
        f.testFile(),
        f.testName(),
        f.builder(),
        f.worker(),
        f.branch(),
        f.revision(),
        f.time(),
        fingerprint == null ? "" : fingerprint,
        normalizedText,
        f.keyLine(),
        f.excerpt());
  }
}
