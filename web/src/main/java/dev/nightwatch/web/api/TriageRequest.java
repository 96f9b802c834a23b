package dev.nightwatch.web.api;

import java.util.List;

/**
 * The body of a triager's action on a cluster: {@code into} for a merge, {@code failures} for a
 * split, {@code url} for an issue link, and a {@code note} for any of them.
 */
public record TriageRequest(Long into, List<Long> failures, String url, String note) {
  public TriageRequest {
    failures = failures == null ? List.of() : List.copyOf(failures);
  }
}
