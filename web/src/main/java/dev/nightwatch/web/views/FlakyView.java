package dev.nightwatch.web.views;

import dev.nightwatch.web.api.FlakyReport;
import dev.nightwatch.web.api.FlakyTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The flakiest-tests report page: the ranked table with interval bars and weekly sparklines. */
public final class FlakyView extends PageView {
  /** Width and height of a sparkline, in SVG user units. */
  static final int SPARK_W = 104;

  static final int SPARK_H = 20;

  private final FlakyReport report;
  private final List<String> builders;
  private final double scale;

  public FlakyView(FlakyReport report, List<String> builders) {
    super("flaky.ftlh", "Flakiest tests");
    this.report = report;
    this.builders = List.copyOf(builders);
    this.scale =
        Math.max(0.01, report.tests().stream().mapToDouble(FlakyTest::upper).max().orElse(0.01));
  }

  public FlakyReport getReport() {
    return report;
  }

  /** The builders to filter by. */
  public List<String> getBuilders() {
    return builders;
  }

  /** A rate as a percentage with one decimal. */
  public String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  /** Where the interval bar starts, ends and marks the estimate, as percentages of its width. */
  public String barX(double rate) {
    return String.format(Locale.ROOT, "%.2f", 100 * Math.min(1, rate / scale));
  }

  /** The weekly unexpected rates as an SVG polyline's points; weeks without runs are left out. */
  public String sparkline(List<Double> weekly) {
    StringJoiner points = new StringJoiner(" ");
    double max =
        weekly.stream().filter(w -> w != null).mapToDouble(Double::doubleValue).max().orElse(0);
    int n = weekly.size();
    for (int i = 0; i < n; i++) {
      Double w = weekly.get(i);
      if (w != null) {
        double x = n == 1 ? SPARK_W / 2.0 : (double) i * (SPARK_W - 2) / (n - 1) + 1;
        double y = SPARK_H - 1 - (max == 0 ? 0 : w / max * (SPARK_H - 2));
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      }
    }
    return points.toString();
  }

  /** This page's filters with another value for one of them, as a query string. */
  public String with(String name, String value) {
    StringJoiner q = new StringJoiner("&", "?", "");
    add(q, "builder", name.equals("builder") ? value : report.builder());
    add(q, "branch", name.equals("branch") ? value : report.branch());
    add(q, "days", name.equals("days") ? value : String.valueOf(report.days()));
    add(q, "sort", name.equals("sort") ? value : report.sort());
    add(q, "offset", name.equals("offset") ? value : null);
    return q.toString();
  }

  private static void add(StringJoiner q, String name, String value) {
    if (value != null && !value.isEmpty()) {
      q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }
}
