package dev.nightwatch.web.views;

import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.web.api.BuildDetail;
import java.util.List;

/** A build's page: its metadata, commits, steps, and one of its logs a page of lines at a time. */
public final class BuildView extends PageView {
  private final BuildDetail detail;
  private final LogInfo log;
  private final List<LogLine> lines;
  private final long from;
  private final int pageLines;

  public BuildView(BuildDetail detail, LogInfo log, List<LogLine> lines, long from, int pageLines) {
    super("build.ftlh", "%s #%d".formatted(detail.build().builderName(), detail.build().number()));
    this.detail = detail;
    this.log = log;
    this.lines = List.copyOf(lines);
    this.from = from;
    this.pageLines = pageLines;
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

  /** The first line of the previous page, or 0 when this is the first page. */
  public long getPreviousFrom() {
    return from <= 1 ? 0 : Math.max(1, from - pageLines);
  }

  /** The first line of the next page, or 0 when this is the last page. */
  public long getNextFrom() {
    return log != null && from + pageLines <= log.lineCount() ? from + pageLines : 0;
  }
}
