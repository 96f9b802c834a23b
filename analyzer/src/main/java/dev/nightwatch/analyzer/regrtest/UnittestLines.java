package dev.nightwatch.analyzer.regrtest;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads unittest's own lines as regrtest shows them: verbose lines ({@code test_x
 * (test.test_y.Z.test_x) ... ok}) and FAIL/ERROR headers, and names a test's regrtest test file.
 * Pure functions of one line.
 */
public final class UnittestLines {
  private UnittestLines() {}

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

  // "FAIL: test_threads (test.test_gdb.PyBtTests)", "ERROR: setUpModule (test.test_x)"
  private static final Pattern FAIL_HEADER =
      Pattern.compile("^\\s*(FAIL|ERROR|UNEXPECTED SUCCESS): (\\S+) \\(([\\w.]+)\\)(.*)$");

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
    while (j < n && ProgressLines.isNameChar(line.charAt(j))) {
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
}
