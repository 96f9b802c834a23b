package dev.nightwatch.analyzer.regrtest;

import dev.nightwatch.schema.model.TestStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads single lines of regrtest's output, both generations (3.8-era and 3.12+): progress lines,
 * result lines, the headers of the summary lists, unittest's verbose and FAIL/ERROR lines, leak
 * reports and "Warning --" lines. Pure functions of one line.
 */
public final class RegrtestLines {
  private RegrtestLines() {}

  /** A progress line: the test, and its state when the line reports one (else it just started). */
  public record Progress(String test, TestStatus status, String state, Long durationMillis) {}

  /** A unittest test named by verbose output or a FAIL/ERROR header. */
  public record UnitTest(String method, String id, String subtest) {
    /** The most specific name: {@code test_os.TestX.test_y}, without the {@code test.} package. */
    public String qualifiedName() {
      String name = id.equals(method) || id.endsWith("." + method) ? id : id + "." + method;
      name = name.startsWith("test.") ? name.substring(5) : name;
      return subtest.isBlank() ? name : name + " " + subtest.strip();
    }

    /**
     * The regrtest test file: the module path up to the class ({@code test_asyncio.test_tasks}).
     */
    public String testFile() {
      return testFileOf(id.equals(method) || id.endsWith("." + method) ? id : id + "." + method);
    }
  }

  /** The lists regrtest prints at the end. */
  public enum ListKind {
    FAILED,
    FAILED_AGAIN,
    RERUN,
    ENV_CHANGED,
    SKIPPED,
    OTHER
  }

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
  // "== Tests result: FAILURE then SUCCESS ==", "Tests result: ENV CHANGED", "Result: FAILURE"
  private static final Pattern RESULT =
      Pattern.compile(
          "^(?:== )?(?:Tests )?[Rr]esult: ([A-Z][A-Z ,]*[A-Z](?: then [A-Z][A-Z ,]*[A-Z])?)(?: ==)?$");
  // "3 tests failed:", "1 test failed again:", "2 re-run tests:", "1 test altered the execution
  // environment:", "22 tests skipped:"; not "3 tests failed" inside a sentence.
  private static final Pattern LIST_HEADER =
      Pattern.compile(
          "^(?:All )?\\d+ (?:tests? |re-run tests?)("
              + "failed:|failed again:|altered the execution environment(?: \\(env changed\\))?:"
              + "|skipped(?: \\(resource denied\\))?:|omitted:|run no tests:|ran no tests:|:)$");
  // "FAIL: test_threads (test.test_gdb.PyBtTests)", "ERROR: setUpModule (test.test_x)"
  private static final Pattern FAIL_HEADER =
      Pattern.compile("^\\s*(FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\(([\\w.]+)\\)(.*)$");
  // "test test_asyncio failed -- Traceback (most recent call last):"
  private static final Pattern ONE_LINE_FAILURE =
      Pattern.compile("\\btest (test[\\w.]*) failed -- (?:Traceback|.*)");
  // "test_builtin leaked [10, 10, 10] references, sum=30"
  private static final Pattern LEAK =
      Pattern.compile(
          "^(test[\\w.]*) leaked \\[[-\\d, ]+\\] (?:references|memory blocks|file descriptors),"
              + " sum=(-?\\d+)");
  // "test_builtin failed (reference leak)" outside a progress line (sequential runs)
  private static final Pattern BARE_STATE = Pattern.compile("^(test[\\w.]*) (failed .*|failed)$");
  // "Warning -- os.environ was modified by test_x", "Warning -- Dangling threads: {…}"
  private static final Pattern WARNING =
      Pattern.compile("^\\s*Warning -- (?:.* was modified by (test[\\w.]*)|.*)");
  // "Re-running failed tests in verbose mode", "0:00:06 load avg: 3.78 Re-running 1 failed tests in
  // verbose mode in subprocesses", "Re-running test 'test_gdb' in verbose mode"; not "Re-running
  // test_netflaky in verbose mode (matching: …)", which names one test of a re-run already begun
  private static final Pattern RERUN =
      Pattern.compile("Re-running (?:\\d+ )?failed tests? .*in verbose mode|Re-running test '");
  private static final Pattern SEPARATOR = Pattern.compile("^\\\\?(?:-{20,}|={20,})$");

  /** The test file a unittest id belongs to: {@code test.test_signal.StressTest} → test_signal. */
  public static String testFileOf(String id) {
    String path = id.startsWith("test.") ? id.substring(5) : id;
    String[] parts = path.split("\\.");
    int end = 0;
    while (end < parts.length
        && !parts[end].isEmpty()
        && !Character.isUpperCase(parts[end].charAt(0))) {
      end++;
    }
    // A method name after the module (no class): keep the module alone.
    if (end == parts.length && end > 1) {
      end--;
    }
    return String.join(".", Arrays.copyOf(parts, Math.max(1, end)));
  }

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

  private static boolean isNameChar(char c) {
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

  /** The overall result a result line states ("FAILURE then SUCCESS"), if it is one. */
  public static Optional<String> result(String line) {
    if (!line.contains("esult: ")) {
      return Optional.empty();
    }
    Matcher m = RESULT.matcher(line.strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Which summary list a header line opens, if it is one. */
  public static Optional<ListKind> listHeader(String line) {
    if (!line.endsWith(":")) {
      return Optional.empty();
    }
    Matcher m = LIST_HEADER.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String what = m.group(1);
    if (line.contains("re-run test")) {
      return Optional.of(ListKind.RERUN);
    }
    if (what.startsWith("failed again")) {
      return Optional.of(ListKind.FAILED_AGAIN);
    }
    if (what.startsWith("failed")) {
      return Optional.of(ListKind.FAILED);
    }
    if (what.startsWith("altered")) {
      return Optional.of(ListKind.ENV_CHANGED);
    }
    return Optional.of(what.startsWith("skipped") ? ListKind.SKIPPED : ListKind.OTHER);
  }

  /** The test names on one indented line of a summary list; empty for anything else. */
  public static List<String> listEntries(String line) {
    if (!line.startsWith("    ") || line.isBlank()) {
      return List.of();
    }
    String[] words = line.strip().split("\\s+");
    for (String w : words) {
      if (!w.startsWith("test")) {
        return List.of();
      }
    }
    return List.of(words);
  }

  /**
   * Reads unittest's verbose line {@code test_x (test.test_y.Z.test_x) [sub] ... ok} by hand, as it
   * is frequent in verbose runs.
   */
  public static Optional<UnitTest> verbose(String line) {
    int open = verboseOpen(line);
    if (open < 0) {
      return Optional.empty();
    }
    int close = line.indexOf(')', open);
    int dots = line.indexOf(" ...", close);
    int start = 0;
    while (Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    return Optional.of(
        new UnitTest(
            line.substring(start, open - 2),
            line.substring(open, close),
            line.substring(close + 1, dots)));
  }

  /**
   * True for a verbose line whose test is over ("ok", "skipped 'x'", "FAIL", "ERROR", "expected
   * failure", "unexpected success"); reads the line without copying any of it.
   */
  public static boolean finishedVerbose(String line) {
    int open = verboseOpen(line);
    if (open < 0) {
      return false;
    }
    int at = line.indexOf(" ...", line.indexOf(')', open)) + 5;
    return endsWith(line, at, "ok")
        || line.startsWith("skipped", at)
        || endsWith(line, at, "FAIL")
        || endsWith(line, at, "ERROR")
        || endsWith(line, at, "expected failure")
        || endsWith(line, at, "unexpected success");
  }

  private static boolean endsWith(String line, int at, String word) {
    return line.length() == at + word.length() && line.startsWith(word, at);
  }

  /** What a verbose line says happened to its test ("ok", "FAIL", "Timeout (0:15:00)!"…). */
  public static String verboseOutcome(String line) {
    int open = verboseOpen(line);
    if (open < 0) {
      return "";
    }
    int dots = line.indexOf(" ...", line.indexOf(')', open));
    return dots + 5 <= line.length() ? line.substring(dots + 5) : "";
  }

  /** Where the id of a verbose line starts (after "method ("), or -1 when it is not one. */
  private static int verboseOpen(String line) {
    int n = line.length();
    int i = 0;
    while (i < n && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    int method = i;
    while (i < n && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
      i++;
    }
    if (i == method || !line.startsWith(" (", i)) {
      return -1;
    }
    int open = i + 2;
    int j = open;
    while (j < n && isNameChar(line.charAt(j))) {
      j++;
    }
    if (j == open || j >= n || line.charAt(j) != ')') {
      return -1;
    }
    int dots = line.indexOf(" ...", j);
    if (dots < 0 || (dots + 4 < n && line.charAt(dots + 4) != ' ')) {
      return -1;
    }
    return open;
  }

  public static Optional<UnitTest> failHeader(String line) {
    if (!line.contains("FAIL: ") && !line.contains("ERROR: ") && !line.contains("SUCCESS: ")) {
      return Optional.empty();
    }
    Matcher m = FAIL_HEADER.matcher(line);
    return m.matches()
        ? Optional.of(new UnitTest(m.group(2), m.group(3), m.group(4)))
        : Optional.empty();
  }

  /** The test of a 3.8-era "test test_x failed -- Traceback …" line. */
  public static Optional<String> oneLineFailure(String line) {
    if (!line.contains(" failed -- ")) {
      return Optional.empty();
    }
    Matcher m = ONE_LINE_FAILURE.matcher(line);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The test of a leak report with a positive sum. */
  public static Optional<String> leak(String line) {
    if (!line.contains(" leaked [")) {
      return Optional.empty();
    }
    Matcher m = LEAK.matcher(line);
    return m.find() && Long.parseLong(m.group(2)) > 0 ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * For a "Warning --" line: the test it names, or "" when it names none; empty for other lines.
   */
  public static Optional<String> warning(String line) {
    if (!line.contains("Warning -- ")) {
      return Optional.empty();
    }
    Matcher m = WARNING.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) == null ? "" : m.group(1));
  }

  public static boolean rerunStart(String line) {
    return line.contains("Re-running") && RERUN.matcher(line).find();
  }

  public static boolean separator(String line) {
    return (line.startsWith("-") || line.startsWith("=") || line.startsWith("\\"))
        && SEPARATOR.matcher(line).matches();
  }
}
