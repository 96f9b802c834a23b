package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.analyzer.log.LogLineReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a buildbot log (or a JUnit XML report, told by its first bytes) in one streaming pass and
 * says what went wrong: failures with key lines and excerpts, an outcome per test, and a verdict on
 * the build. Never throws for what a log contains; a log that cannot be read to the end still gets
 * a result, saying so.
 */
public final class LogAnalyzer {
  /** The version of the analysis; stored with each verdict, bumped when results change. */
  public static final int VERSION = 1;

  /** How much of a log's start is looked at to tell a JUnit XML report from a text log. */
  private static final int JUNIT_SNIFF = 1024;

  /** Analyses the log; the stream is read to its end and closed. */
  public LogAnalysis analyze(InputStream in, LogFormat format) {
    BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
    buffered.mark(JUNIT_SNIFF);
    byte[] head;
    try {
      head = buffered.readNBytes(JUNIT_SNIFF);
    } catch (IOException e) {
      head = new byte[0]; // the line reader meets the error again, after the lines before it
    }
    try {
      buffered.reset();
    } catch (IOException e) {
      return new LogReading()
          .finish(0, false, "the log could not be read to the end: " + e.getMessage());
    }
    if (JUnitReading.looksLikeJUnit(head, head.length)) {
      try (buffered) {
        return JUnitReading.read(buffered);
      } catch (IOException e) {
        return new LogReading()
            .finish(0, false, "the log could not be read to the end: " + e.getMessage());
      }
    }
    return analyzeLines(buffered, format);
  }

  private LogAnalysis analyzeLines(InputStream in, LogFormat format) {
    LogReading reading = new LogReading();
    long lines = 0;
    boolean cut = false;
    try (LogLineReader reader = new LogLineReader(in, format)) {
      while (reader.next()) {
        reading.line(reader.number(), reader.text());
        lines = reader.number();
        cut = reader.truncated();
      }
      cut = reader.truncated();
    } catch (IOException | UncheckedIOException e) {
      return reading.finish(lines, cut, "the log could not be read to the end: " + e.getMessage());
    }
    return reading.finish(lines, cut, null);
  }

  /** Analyses log text already in memory (tests, small logs). */
  public LogAnalysis analyze(String text) {
    return analyze(
        new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        LogFormat.AUTO);
  }
}
