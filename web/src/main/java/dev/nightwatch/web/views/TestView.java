package dev.nightwatch.web.views;

import dev.nightwatch.analyzer.flaky.Segment;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.web.api.TestDetail;
import java.util.Locale;

/** A test's page: its report row and a pass/fail strip per builder with the segments beneath. */
public final class TestView extends PageView {
  /** Width of one run in the strip, in SVG user units. */
  public static final int CELL = 5;

  private final TestDetail detail;

  public TestView(TestDetail detail) {
    super("test.ftlh", detail.test());
    this.detail = detail;
  }

  public TestDetail getDetail() {
    return detail;
  }

  public int getCell() {
    return CELL;
  }

  /** The CSS class of a run's cell: pass, flaky, fail, or incident. */
  public String runClass(TestRun run) {
    if (run.incident()) {
      return "run-incident";
    }
    if (run.failed()) {
      return "run-fail";
    }
    return run.unexpected() ? "run-flaky" : "run-pass";
  }

  /** A run as a tooltip: build number, status, time. */
  public String runTitle(TestRun run) {
    return "build %d: %s%s, %s"
        .formatted(
            run.buildNumber(),
            run.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            run.incident() ? " (incident)" : "",
            time(run.finishedAt()));
  }

  /** A segment's label: state, where it began, its failure rate. */
  public String segmentLabel(Segment s) {
    return "%s since build %d: %d of %d runs did not pass"
        .formatted(
            s.state().name().toLowerCase(Locale.ROOT),
            s.firstBuildNumber(),
            s.unexpected(),
            s.runs());
  }

  public String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }
}
