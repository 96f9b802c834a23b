package dev.nightwatch.web.api;

import dev.nightwatch.analyzer.dedup.SearchHit.Fragment;
import dev.nightwatch.schema.model.FailureDocument;
import java.util.List;

/**
 * A failure found by a search: the stored failure with its build context, its score, its key line
 * and excerpt as highlighted fragments, and its permalink.
 */
public record FailureHit(
    FailureDocument failure,
    float score,
    List<Fragment> keyLine,
    List<Fragment> excerpt,
    String link) {
  public FailureHit {
    keyLine = List.copyOf(keyLine);
    excerpt = List.copyOf(excerpt);
  }
}
