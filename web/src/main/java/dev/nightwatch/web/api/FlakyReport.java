package dev.nightwatch.web.api;

import dev.nightwatch.schema.dao.TestHistoryDao;
import java.time.LocalDate;
import java.util.List;

/**
 * The flakiest tests over a window (days {@code from}–{@code to}, UTC), optionally on one builder
 * or branch, ranked by {@code sort}: {@code lower} (the Wilson lower bound of the failure rate) or
 * {@code impact} (failed builds it was among the failures of); the fleet's fitted Beta prior; a
 * page of tests; the offset of the next page, null on the last; and the workers whose builds were
 * incidents in the window (mass failures, or many unrelated tests failing at once): infra suspects,
 * whose failures are counted apart.
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
    Integer next,
    List<TestHistoryDao.IncidentCount> incidents) {
  public FlakyReport {
    tests = List.copyOf(tests);
    incidents = List.copyOf(incidents);
  }
}
