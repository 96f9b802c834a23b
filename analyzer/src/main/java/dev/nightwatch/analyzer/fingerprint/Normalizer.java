package dev.nightwatch.analyzer.fingerprint;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the tokens of a log line that change from run to run — addresses, temp and build paths,
 * timestamps, durations, IPs and ports, PIDs, counters and other large numbers, random names — so
 * that repeats of one failure read the same. {@link #VERSION} changes whenever the output does;
 * stored fingerprints of another version must be recomputed (reindex).
 */
public final class Normalizer {
  /** The version of the masking; bump it with any change to the output. */
  public static final int VERSION = 1;

  private record Mask(Pattern pattern, String replacement) {}

  private static Mask mask(String regex, String replacement) {
    return new Mask(Pattern.compile(regex), replacement);
  }

  // Path characters: anything but whitespace, separators, quotes, colons and parentheses.
  private static final String SEG = "[^\\s/\\\\'\":()]+";
  private static final String SEP = "[/\\\\]";

  // Order matters: whole structures (timestamps, paths, addresses) before bare numbers.
  private static final List<Mask> MASKS =
      List.of(
          // "‘cary’" (gcc's typographic quotes) reads as "'cary'"
          mask("[‘’]", "'"),
          // "2026-11-25T09:57:53Z", "2026-11-25 09:57:53,123"
          mask(
              "\\b\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?",
              "<time>"),
          // "Timeout (0:15:00)!", "0:01:23 load avg"
          mask("\\b\\d+:\\d\\d:\\d\\d(?:\\.\\d+)?\\b", "<duration>"),
          // "1 min 2 sec", "45.1 sec", "545 ms"
          mask("\\b\\d+(?:\\.\\d+)? ?(?:hours?|min|sec|ms|us|ns|seconds?)\\b", "<duration>"),
          // "0x7f5edac76330"
          mask("\\b0x[0-9a-fA-F]+\\b", "0x<addr>"),
          // "127.0.0.1:40123"
          mask("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b", "<ip>"),
          // "/tmp/test_python_qxe1_ajb/tmpqablk9qp/perftest.py",
          // "C:\\Users\\x\\AppData\\Local\\Temp\\tmpab"
          mask(
              "(?:(?<!\\w)[A-Za-z]:)?"
                  + SEP
                  + "(?:[^\\s'\"]*?"
                  + SEP
                  + ")?(?:tmp|temp|Temp|TEMP)"
                  + SEP
                  + "[^\\s'\":]*",
              "<tmp>"),
          mask("\\b(?:tmp[a-z0-9_]{6,}|test_python_\\w+|@test_\\d+_tmp\\w*)\\b", "<tmp>"),
          // "./Modules/x.c" → "Modules/x.c", "..\\PC\\x.c" → "PC\\x.c"
          mask("(?<![\\w.])\\.{1,2}" + SEP + "(?=\\S)", ""),
          // "/home/dje/buildarea/3.x/build/Lib/test/test_x.py" → "test/test_x.py"; only an
          // absolute path (at the start, or after a space, quote, "(" or "="): relative ones stay
          mask(
              "(?<![^\\s'\"(=])(?:[A-Za-z]:)?(?:"
                  + SEP
                  + SEG
                  + ")*"
                  + SEP
                  + "("
                  + SEG
                  + SEP
                  + SEG
                  + ")",
              "$1"),
          // "x.c:763:9: error" → "x.c:N: error"
          mask(":\\d+(?::\\d+)?(?=[:)]|$|\\s)", ":N"),
          // MSVC's "x.c(12): error", "x.c(12,5): warning"
          mask("\\(\\d+(?:,\\d+)?\\)(?=\\s*:)", "(N)"),
          mask("\\bline \\d+", "line N"),
          // "<Thread(Thread-13 (run), …)>", "Process-4", "ForkServerProcess-2": run counters
          mask(
              "\\b(Thread|Process|ForkServerProcess|SpawnProcess|ForkProcess|Worker)-\\d+", "$1-N"),
          // "leaked [10, 10, 10] references, sum=30"
          mask("\\[-?\\d+(?:, -?\\d+)*\\]", "[N]"),
          mask("\\bsum=-?\\d+", "sum=N"),
          // hex ids of 8+ digits ("e8cacdfe54b0876e"), UUIDs
          mask("\\b(?=[0-9a-f]*\\d)[0-9a-f]{8,}\\b", "<hex>"),
          // decimals and numbers of 3+ digits: counts, sizes, PIDs, ports; 1-2 digit codes stay
          mask("(?<![\\w.])-?\\d+\\.\\d+(?![\\w.])", "N"),
          mask("(?<![\\w.])-?\\d{3,}(?![\\w.])", "N"),
          mask("\\s+", " "));

  private Normalizer() {}

  /** The line with its volatile tokens masked and its whitespace collapsed. */
  public static String normalize(String line) {
    String s = line;
    for (Mask m : MASKS) {
      Matcher matcher = m.pattern().matcher(s);
      if (matcher.find()) {
        s = matcher.replaceAll(m.replacement());
      }
    }
    return s.strip();
  }

  /** A whole excerpt masked line by line, as the similarity search compares failures. */
  public static String normalizeText(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.lines()
        .forEach(
            line -> {
              String n = normalize(line);
              if (!n.isEmpty()) {
                out.append(n).append('\n');
              }
            });
    return out.toString();
  }
}
