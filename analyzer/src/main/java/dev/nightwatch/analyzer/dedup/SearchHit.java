package dev.nightwatch.analyzer.dedup;

import java.util.List;

/**
 * One failure found by a search, with its score and its key line and excerpt highlighted (empty
 * when the search did not ask for highlights).
 */
public record SearchHit(
    long failureId,
    long buildId,
    Long clusterId,
    float score,
    List<Fragment> keyLine,
    List<Fragment> excerpt) {
  public SearchHit {
    keyLine = List.copyOf(keyLine);
    excerpt = List.copyOf(excerpt);
  }

  /** A hit without highlights. */
  public SearchHit(long failureId, long buildId, Long clusterId, float score) {
    this(failureId, buildId, clusterId, score, List.of(), List.of());
  }

  /**
   * A piece of highlighted text, verbatim (escaping is the renderer's job); {@code match} marks the
   * words the query found; a gap between passages is the text {@code " … "}.
   */
  public record Fragment(String text, boolean match) {}
}
