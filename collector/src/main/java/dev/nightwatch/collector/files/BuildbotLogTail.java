package dev.nightwatch.collector.files;

import dev.nightwatch.schema.model.BuildResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the step result Buildbot writes at the end of a stdio log, when the log has one. */
final class BuildbotLogTail {
  // Matches "program finished with exit code 2" and, in /contents form, "hprogram finished …";
  // not "the program finished with exit code 2" in a test's own output.
  private static final Pattern EXIT_CODE =
      Pattern.compile("(?m)^h?program finished with exit code (-?\\d+)\\s*$");
  // Matches "command timed out: 1200 seconds without output running [b'make', …]".
  private static final Pattern TIMED_OUT = Pattern.compile("(?m)^h?command timed out: ");

  private BuildbotLogTail() {}

  /** The result the tail of a log shows: exit code 0 is SUCCESS, others FAILURE, none UNKNOWN. */
  static BuildResult result(String tail) {
    Matcher exit = EXIT_CODE.matcher(tail);
    String code = null;
    while (exit.find()) {
      code = exit.group(1);
    }
    if (code != null) {
      return code.equals("0") ? BuildResult.SUCCESS : BuildResult.FAILURE;
    }
    return TIMED_OUT.matcher(tail).find() ? BuildResult.FAILURE : BuildResult.UNKNOWN;
  }
}
