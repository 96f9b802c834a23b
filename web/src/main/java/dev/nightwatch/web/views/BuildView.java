package dev.nightwatch.web.views;

import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.FlakinessVerdict;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.TestOutcome;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.web.api.BuildDetail;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A build's page: its metadata, commits, steps, and one of its logs a page of lines at a time. */
public final class BuildView extends PageView {
  private final BuildDetail detail;
  private final LogInfo log;
  private final List<LogLine> lines;
  private final long from;
  private final int pageLines;

  private final Map<Long, Explanation> explanations;

  public BuildView(
      BuildDetail detail,
      LogInfo log,
      List<LogLine> lines,
      long from,
      int pageLines,
      Map<Long, Explanation> explanations) {
    super("build.ftlh", "%s #%d".formatted(detail.build().builderName(), detail.build().number()));
    this.detail = detail;
    this.log = log;
    this.lines = List.copyOf(lines);
    this.from = from;
    this.pageLines = pageLines;
    this.explanations = Map.copyOf(explanations);
  }

  public BuildDetail getDetail() {
    return detail;
  }

  /** The log shown, or null when the build has none. */
  public LogInfo getLog() {
    return log;
  }

  public List<LogLine> getLines() {
    return lines;
  }

  /** True for the key line of a failure in the log shown. */
  public boolean isKeyLine(long number) {
    return log != null
        && detail.failures().stream()
            .anyMatch(
                f -> Objects.equals(f.logId(), log.id()) && Objects.equals(f.lineNumber(), number));
  }

  /** The tests that did not simply pass, worst first. */
  public List<TestOutcome> getNotPassed() {
    return detail.tests().stream()
        .filter(t -> t.status() != TestStatus.PASSED)
        .sorted(
            Comparator.comparing((TestOutcome t) -> !t.status().isFailure())
                .thenComparing(TestOutcome::testName))
        .toList();
  }

  /** How many tests passed. */
  public long getPassedCount() {
    return detail.tests().stream().filter(t -> t.status() == TestStatus.PASSED).count();
  }

  /** The first line of the previous page, or 0 when this is the first page. */
  public long getPreviousFrom() {
    return from <= 1 ? 0 : Math.max(1, from - pageLines);
  }

  /** The first line of the next page, or 0 when this is the last page. */
  public long getNextFrom() {
    return log != null && from + pageLines <= log.lineCount() ? from + pageLines : 0;
  }

  /** What the flakiness analysis says of a failure, or null. */
  public Explanation explanation(long failureId) {
    return explanations.get(failureId);
  }

  /** A flakiness verdict in words: LIKELY_FLAKY → "likely flaky". */
  public String verdictWords(FlakinessVerdict verdict) {
    return verdict.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
