package dev.nightwatch.analyzer.log;

/** How a log's lines are written: Buildbot's stream-prefixed form, plain text, or "find out". */
public enum LogFormat {
  /**
   * Buildbot's {@code /contents} form: every line starts with one of {@code o}, {@code e}, {@code
   * h}.
   */
  PREFIXED,
  /** Plain text, as {@code /raw} and most pasted logs are. */
  PLAIN,
  /** Prefixed when the first line is a header ({@code h}) and the next ones all carry a prefix. */
  AUTO
}
