package dev.nightwatch.web.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The flakiest tests over a window (days {@code from}–{@code to}, UTC), optionally on one builder
 * or branch, ranked by {@code sort}: {@code lower} (the Wilson lower bound of the failure rate) or
 * {@code impact} (failed builds it was among the failures of); the fleet's fitted Beta prior; a
 * page of tests; the offset of the next page, null on the last.
 */
public record FlakyReport(
    String builder,
    String branch,
    int days,
    LocalDate from,
    LocalDate to,
    String sort,
    double priorAlpha,
    double priorBeta,
    int totalTests,
    int offset,
    List<FlakyTest> tests,
    Integer next) {
  public FlakyReport {
    tests = List.copyOf(tests);
  }
}
