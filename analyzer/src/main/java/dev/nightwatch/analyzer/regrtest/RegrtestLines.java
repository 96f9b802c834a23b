package dev.nightwatch.analyzer.regrtest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads regrtest's other lines, both generations (3.8-era and 3.12+): result lines, the summary
 * lists and their headers, the start of the re-run, "test X failed -- Traceback", leak reports,
 * "Warning --" lines and separators. Progress lines are {@link ProgressLines}', unittest's own
 * lines {@link UnittestLines}'. Pure functions of one line.
 */
public final class RegrtestLines {
  private RegrtestLines() {}

  /** The lists regrtest prints at the end. */
  public enum ListKind {
    FAILED,
    FAILED_AGAIN,
    RERUN,
    ENV_CHANGED,
    SKIPPED,
    OTHER
  }

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
  // "test test_asyncio failed -- Traceback (most recent call last):"
  private static final Pattern ONE_LINE_FAILURE =
      Pattern.compile("\\btest (test[\\w.]*) failed -- (?:Traceback|.*)");
  // "test_builtin leaked [10, 10, 10] references, sum=30"
  private static final Pattern LEAK =
      Pattern.compile(
          "^(test[\\w.]*) leaked \\[[-\\d, ]+\\] (?:references|memory blocks|file descriptors),"
              + " sum=(-?\\d+)");
  // "Warning -- os.environ was modified by test_x", "Warning -- Dangling threads: {…}"
  private static final Pattern WARNING =
      Pattern.compile("^\\s*Warning -- (?:.* was modified by (test[\\w.]*)|.*)");
  // "Re-running failed tests in verbose mode", "0:00:06 load avg: 3.78 Re-running 1 failed tests in
  // verbose mode in subprocesses", "Re-running test 'test_gdb' in verbose mode"; not "Re-running
  // test_netflaky in verbose mode (matching: …)", which names one test of a re-run already begun
  private static final Pattern RERUN =
      Pattern.compile("Re-running (?:\\d+ )?failed tests? .*in verbose mode|Re-running test '");
  private static final Pattern SEPARATOR = Pattern.compile("^\\\\?(?:-{20,}|={20,})$");

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
