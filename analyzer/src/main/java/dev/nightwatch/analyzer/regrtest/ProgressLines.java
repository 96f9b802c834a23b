package dev.nightwatch.analyzer.regrtest;

import dev.nightwatch.schema.model.TestStatus;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads regrtest's progress lines, both generations: {@code 0:01:23 load avg: 1.23 [ 12/450] test_x
 * passed}, {@code [ 17/463/1] test_ftplib failed (1 failure)}, and a sequential run's bare {@code
 * test_x failed (reference leak)}. Pure functions of one line.
 */
public final class ProgressLines {
  private ProgressLines() {}

  /** A progress line: the test, and its state when the line reports one (else it just started). */
  public record Progress(String test, TestStatus status, String state, Long durationMillis) {}

  // "passed", "failed (2 errors)", "failed (env changed)", "timed out (20 min)", "crashed (Exit
  // code -11)", "worker non-zero exit code (Exit code -11 (SIGSEGV))" (3.11+: the dump that
  // follows tells a crash from a timeout)
  private static final Pattern STATE =
      Pattern.compile(
          "^(passed|failed|skipped|crashed|process crashed|timed out|interrupted|ran no tests"
              + "|run no tests|worker non-zero exit code)(?: \\(((?:[^()]|\\([^)]*\\))*)\\))?"
              + "(?: \\(([^)]*)\\))?");
  private static final Pattern DURATION =
      Pattern.compile("^(?:(\\d+) hour ?)?(?:(\\d+) min ?)?(?:([\\d.]+) sec ?)?(?:(\\d+) ms)?$");
  // "test_builtin failed (reference leak)" outside a progress line (sequential runs)
  private static final Pattern BARE_STATE = Pattern.compile("^(test[\\w.]*) (failed .*|failed)$");

  /**
   * Reads a progress line by hand (it is the commonest line of a regrtest log, so no regex): {@code
   * [H:MM:SS ][load avg: N.NN ][ N/M[/F]] test_name[ state…]}.
   */
  public static Optional<Progress> progress(String line) {
    int n = line.length();
    int i = skipClock(line);
    if (line.startsWith("load avg: ", i)) {
      int j = i + 10;
      while (j < n && (Character.isDigit(line.charAt(j)) || line.charAt(j) == '.')) {
        j++;
      }
      if (j == i + 10 || j >= n || line.charAt(j) != ' ') {
        return Optional.empty();
      }
      i = j + 1;
    }
    if (i >= n || line.charAt(i) != '[') {
      return Optional.empty();
    }
    i++;
    while (i < n && line.charAt(i) == ' ') {
      i++;
    }
    i = digits(line, i);
    if (i < 0 || i >= n || line.charAt(i) != '/') {
      return Optional.empty();
    }
    i = digits(line, i + 1);
    if (i >= 0 && i < n && line.charAt(i) == '/') {
      i = digits(line, i + 1);
    }
    if (i < 0 || !line.startsWith("] test", i)) {
      return Optional.empty();
    }
    int start = i + 2;
    int end = start;
    while (end < n && isNameChar(line.charAt(end))) {
      end++;
    }
    if (end < n && line.charAt(end) != ' ') {
      return Optional.empty();
    }
    String test = line.substring(start, end);
    if (n == end + 7 && line.startsWith(" passed", end)) {
      return Optional.of(new Progress(test, TestStatus.PASSED, "passed", null));
    }
    String rest = end < n ? line.substring(end + 1) : "";
    Matcher s = STATE.matcher(rest);
    if (!s.find()) {
      return Optional.of(new Progress(test, null, null, null));
    }
    String state = s.group(1);
    String detail = s.group(2);
    Long duration = duration(s.group(3)).orElse(duration(detail).orElse(null));
    return Optional.of(new Progress(test, status(state, detail), state, duration));
  }

  static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  /** The index after a leading "H:MM:SS[.fff] " clock, or 0 when the line has none. */
  private static int skipClock(String line) {
    int i = digits(line, 0);
    if (i < 0 || !line.startsWith(":", i)) {
      return 0;
    }
    int j = digits(line, i + 1);
    if (j != i + 3 || !line.startsWith(":", j)) {
      return 0;
    }
    int k = digits(line, j + 1);
    if (k != j + 3) {
      return 0;
    }
    if (k < line.length() && line.charAt(k) == '.') {
      k = Math.max(k + 1, digits(line, k + 1));
    }
    return k < line.length() && line.charAt(k) == ' ' ? k + 1 : 0;
  }

  /** The index after a run of digits at {@code from}, or -1 when there is none. */
  private static int digits(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
      i++;
    }
    return i == from ? -1 : i;
  }

  /**
   * A sequential run's bare "test_x failed (reference leak)" line, as a progress without counter.
   */
  public static Optional<Progress> bareState(String line) {
    if (!line.startsWith("test")) {
      return Optional.empty();
    }
    Matcher m = BARE_STATE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    Matcher s = STATE.matcher(m.group(2));
    return s.find()
        ? Optional.of(new Progress(m.group(1), status(s.group(1), s.group(2)), s.group(1), null))
        : Optional.empty();
  }

  private static TestStatus status(String state, String detail) {
    return switch (state) {
      case "passed" -> TestStatus.PASSED;
      case "skipped", "ran no tests", "run no tests", "interrupted" -> TestStatus.SKIPPED;
      case "crashed", "process crashed" -> TestStatus.CRASHED;
      case "timed out" -> TestStatus.TIMED_OUT;
      default ->
          "env changed".equals(detail)
              ? TestStatus.ENV_CHANGED
              : "reference leak".equals(detail) ? TestStatus.LEAKED : TestStatus.FAILED;
    };
  }

  /** "1 min 2 sec", "45.1 sec", "545 ms" in milliseconds. */
  static Optional<Long> duration(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()
        || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
      return Optional.empty();
    }
    double ms = 0;
    ms += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3_600_000d;
    ms += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60_000d;
    ms += m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) * 1000;
    ms += m.group(4) == null ? 0 : Long.parseLong(m.group(4));
    return Optional.of(Math.round(ms));
  }
}
