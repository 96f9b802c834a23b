package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flakiness verdict on one failure with its reason in words and the figures behind it (for
 * instance {@code flakyVerdicts}, {@code runs}, {@code lowerBound}), in the order they were
 * weighed.
 */
public record Explanation(FlakinessVerdict verdict, String reason, Map<String, Number> figures) {
  public Explanation {
    requireNonNull(verdict, "verdict");
    requireNonNull(reason, "reason");
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }
}
