package dev.nightwatch.analyzer.classify;

import static dev.nightwatch.analyzer.classify.Rule.Context.AROUND;
import static dev.nightwatch.analyzer.classify.Rule.Context.COMPILER;
import static dev.nightwatch.analyzer.classify.Rule.Context.DUMP;

import dev.nightwatch.analyzer.classify.Rule.Context;
import dev.nightwatch.schema.model.FailureKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The table of line rules, tried in order: infrastructure first (a full disk explains the link
 * error it causes), then compiler and linker errors, crashes and timeouts. Test failures and "env
 * changed" come from regrtest's own output ({@code dev.nightwatch.analyzer.regrtest}), not from
 * here. Each rule's comment shows a line it matches and one it must not.
 */
public final class Rules {
  private Rules() {}

  private static Rule rule(
      String name, FailureKind kind, Context context, String regex, String... literals) {
    return new Rule(name, kind, List.of(literals), Pattern.compile(regex), context, false);
  }

  /** Every rule, in the order they are tried. */
  public static final List<Rule> ALL =
      List.of(
          // "/usr/bin/ld.bfd: final link failed: No space left on device"
          // not: "test_largefile skipped -- not enough disk space"
          rule(
              "disk-full",
              FailureKind.INFRA,
              AROUND,
              "No space left on device|Disk quota exceeded",
              "No space left",
              "Disk quota"),
          // "fork: Cannot allocate memory", "gcc: fatal error: Killed signal terminated program
          // cc1"
          // not: "MemoryError" raised by a test on purpose
          rule(
              "out-of-memory",
              FailureKind.INFRA,
              AROUND,
              "Cannot allocate memory|virtual memory exhausted|Killed signal terminated program"
                  + "|Out of memory: Killed process",
              "allocate memory",
              "memory exhausted",
              "Killed signal",
              "Out of memory"),
          // "fatal: unable to access 'https://github.com/python/cpython/': Could not resolve host"
          // not: "fatal: not a git repository" printed by a test of the tooling
          rule(
              "git-failure",
              FailureKind.INFRA,
              AROUND,
              "^(?:fatal|error): (?:unable to access|Could not read from remote|the remote end hung"
                  + " up|early EOF|RPC failed|unable to connect|couldn't find remote ref"
                  + "|unable to update local ref)",
              "fatal: ",
              "error: "),
          // "The requested URL returned error: 502", "HTTP Error 503: Service Unavailable"
          // not: "HTTP Error 404: Not Found"
          rule(
              "remote-5xx",
              FailureKind.INFRA,
              AROUND,
              "(?:returned error|HTTP Error|status code|HTTP/\\d(?:\\.\\d)?):? 5\\d\\d\\b"
                  + "|\\b50[234] (?:Bad Gateway|Service Unavailable|Gateway Time-?out)",
              "returned error",
              "HTTP Error",
              "status code",
              "HTTP/",
              "Bad Gateway",
              "Service Unavailable",
              "Gateway Time"),
          // "twisted.spread.pb.PBConnectionLost", "Connection to the other side was lost"
          // not: "ConnectionResetError: [Errno 104]" inside a test's traceback
          rule(
              "lost-worker",
              FailureKind.INFRA,
              AROUND,
              "PBConnectionLost|Connection to the other side was lost|\\b(?:slave|worker) lost\\b"
                  + "|remote(?:Failed| host) lost",
              "ConnectionLost",
              "other side was lost",
              "slave lost",
              "worker lost",
              "Failed lost",
              "host lost"),
          // "ssh: connect to host github.com port 22: Network is unreachable"
          // not: "test_urllib2net skipped -- Use of the 'network' resource not enabled"
          rule(
              "network-down",
              FailureKind.INFRA,
              AROUND,
              "Network is unreachable|Temporary failure in name resolution|Could not resolve host",
              "Network is unreachable",
              "name resolution",
              "resolve host"),
          // "foo.c(12): error C2065: 'x': undeclared identifier", "fatal error C1001: …"
          // not: "foo.c(3): warning C4996: 'strcpy': This function may be unsafe"
          rule(
              "msvc-error",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "\\berror C\\d{4}\\s*:",
              "error C"),
          // "python.obj : error LNK2019: unresolved external symbol _foo", "fatal error LNK1120"
          // not: "warning LNK4098: defaultlib 'MSVCRT' conflicts"
          rule(
              "msvc-link",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "\\berror LNK\\d{4}\\s*:",
              "error LNK"),
          // "Python/ceval.c:120:1: internal compiler error: Segmentation fault"
          // not: "test_compile passed"
          rule(
              "internal-compiler-error",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "internal compiler error",
              "internal compiler error"),
          // "./Modules/_cursesmodule.c:763:9: error: implicit declaration of function setcchar"
          // not: "Objects/obj.c:12:3: warning: unused variable 'x'"
          rule(
              "cc-error",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "^\\S.*?:\\d+(?::\\d+)?: (?:fatal )?error: ",
              "error: "),
          // "clang: error: linker command failed with exit code 1 (use -v to see invocation)"
          // not: "gcc: warning: argument unused during compilation"
          rule(
              "cc-driver-error",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "^(?:\\S*/)?(?:gcc|cc|clang|g\\+\\+|clang\\+\\+|c\\+\\+)(?:-[\\d.]+)?: (?:fatal )?error: ",
              "error: "),
          // "callproc.c:(.text+0x1c): undefined reference to `ffi_call'"
          // not: "test_capi passed"
          rule(
              "undefined-reference",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "undefined reference to [`']|Undefined symbols for architecture",
              "undefined reference",
              "Undefined symbols"),
          // "ld: 0711-317 ERROR: Undefined symbol: .__atomic_fetch_or_8", "ld.lld: error: …"
          // not: "ld: 0711-327 WARNING: Entry point not found"
          rule(
              "ld-error",
              FailureKind.COMPILE_ERROR,
              COMPILER,
              "^(?:\\S*/)?(?:ld|ld\\.\\w+|lld|ld64(?:\\.lld)?): (?:.*\\b(?:error|ERROR)\\b|cannot find -l)"
                  + "|collect2: error: ld returned",
              "ld: ",
              "ld.bfd: ",
              "ld.gold: ",
              "ld.lld: ",
              "ld64.lld: ",
              "collect2"),
          // "FAILED: Modules/_decimal/libmpdec/mpdecimal.o" (ninja)
          // not: "FAILED (failures=2)" (unittest)
          rule("ninja-failed", FailureKind.COMPILE_ERROR, COMPILER, "^FAILED: ", "FAILED: "),
          // "Fatal Python error: Segmentation fault"
          // not: "test_faulthandler passed"
          rule(
              "fatal-python-error",
              FailureKind.CRASH,
              DUMP,
              "Fatal Python error: ",
              "Fatal Python error"),
          // "Windows fatal exception: access violation"
          // not: "Windows error 5" in a test's message
          rule(
              "windows-fatal-exception",
              FailureKind.CRASH,
              DUMP,
              "Windows fatal exception: ",
              "Windows fatal exception"),
          // "Objects/dictobject.c:699: _PyDict_CheckConsistency: Assertion failed: …",
          // "python: Python/ceval.c:10: f: Assertion `x' failed."
          // not: "AssertionError: 1 != 2"
          rule(
              "c-assertion",
              FailureKind.CRASH,
              DUMP,
              "Assertion (?:`.*' )?failed|Assertion failed: ",
              "Assertion "),
          // "Segmentation fault (core dumped)", "Bus error", "Illegal instruction"
          // not: "test_segfault_in_child passed"
          rule(
              "signal-crash",
              FailureKind.CRASH,
              DUMP,
              "Segmentation fault|\\bBus error\\b|Illegal instruction|Aborted \\(core dumped\\)",
              "Segmentation fault",
              "Bus error",
              "Illegal instruction",
              "Aborted ("),
          // "test_ssl crashed (Exit code -11)", "test_os process crashed"
          // not: "test_crashers skipped"
          rule(
              "process-crashed",
              FailureKind.CRASH,
              DUMP,
              "\\b(?:process crashed|crashed \\(Exit code -?\\d+\\))",
              "crashed"),
          // "test_stress_delivery_dependent (test.test_signal.StressTest) ... Timeout (0:15:00)!"
          // not: "socket.timeout: timed out"
          rule(
              "regrtest-timeout",
              FailureKind.TIMEOUT,
              DUMP,
              "Timeout \\(\\d+:\\d\\d:\\d\\d\\)!",
              "Timeout ("),
          // "command timed out: 1200 seconds without output running [b'make', b'buildbottest']"
          // not: "test_x timed out (20 min)" (regrtest's own, read as a test outcome)
          rule(
              "step-timeout",
              FailureKind.TIMEOUT,
              AROUND,
              "command timed out: \\d+ seconds (?:without output|elapsed)",
              "command timed out"));

  /**
   * make's "Error N", which only repeats that a command failed; it counts when nothing else does.
   * Matches "make: *** [Makefile:1791: _bootstrap_python] Error 1", not "make: Nothing to be done".
   */
  public static final Rule MAKE_ERROR =
      new Rule(
          "make-error",
          FailureKind.COMPILE_ERROR,
          List.of("*** "),
          Pattern.compile(
              "^(?:g?make|mingw32-make)(?:\\[\\d+\\])?: \\*\\*\\* \\[(.*?)\\] Error \\d+"),
          AROUND,
          true);

  /** Every literal some rule needs; a line with none of them matches no rule. */
  public static final List<String> LITERALS =
      Stream.concat(ALL.stream(), Stream.of(MAKE_ERROR))
          .flatMap(r -> r.literals().stream())
          .distinct()
          .toList();

  private static final LiteralScanner TRIGGERS = new LiteralScanner(LITERALS);

  /** The first rule that matches the line, if any. */
  public static Optional<Rule> match(String line) {
    if (!TRIGGERS.any(line)) {
      return Optional.empty();
    }
    for (Rule rule : ALL) {
      if (rule.matches(line)) {
        return Optional.of(rule);
      }
    }
    return MAKE_ERROR.matches(line) ? Optional.of(MAKE_ERROR) : Optional.empty();
  }
}
