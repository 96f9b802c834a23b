package dev.nightwatch.analyzer.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesTest {
  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "disk-full",
            "/usr/bin/ld.bfd: final link failed: No space left on device",
            "test_largefile skipped -- not enough disk space"),
        row(
            "out-of-memory",
            "gcc: fatal error: Killed signal terminated program cc1",
            "MemoryError"),
        row("out-of-memory", "fork: Cannot allocate memory", "test_mmap passed"),
        row(
            "git-failure",
            "fatal: unable to access 'https://github.com/python/cpython/': Failed to connect",
            "fatal: not a git repository (or any of the parent directories): .git"),
        row(
            "remote-5xx",
            "error: The requested URL returned error: 502",
            "urllib.error.HTTPError: HTTP Error 404: Not Found"),
        row(
            "lost-worker",
            "remoteFailed: [Failure instance: Traceback (failure with no frames): <class"
                + " 'twisted.spread.pb.PBConnectionLost'>",
            "ConnectionResetError: [Errno 104] Connection reset by peer"),
        row(
            "network-down",
            "ssh: connect to host github.com port 22: Network is unreachable",
            "test_urllib2net skipped -- Use of the 'network' resource not enabled"),
        row(
            "msvc-error",
            "..\\Modules\\x.c(12): error C2065: 'x': undeclared identifier",
            "..\\Modules\\x.c(3): warning C4996: 'strcpy': This function may be unsafe"),
        row(
            "msvc-link",
            "python.obj : error LNK2019: unresolved external symbol _foo",
            "LINK : warning LNK4098: defaultlib 'MSVCRT' conflicts with use of other libs"),
        row(
            "internal-compiler-error",
            "Python/ceval.c:120:1: internal compiler error: Segmentation fault",
            "test_compile passed"),
        row(
            "cc-error",
            "./Modules/_cursesmodule.c:763:9: error: implicit declaration of function setcchar",
            "Objects/obj.c:12:3: warning: unused variable 'x' [-Wunused-variable]"),
        row(
            "cc-error",
            "./Include/Python.h:12:10: fatal error: foo.h: No such file or directory",
            "error: RPC failed; curl 56"),
        row(
            "cc-driver-error",
            "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
            "gcc: warning: argument unused during compilation: '-pthread'"),
        row(
            "undefined-reference",
            "callproc.c:(.text+0x1c): undefined reference to `ffi_call'",
            "test_capi passed"),
        row(
            "ld-error",
            "ld: 0711-317 ERROR: Undefined symbol: .__atomic_fetch_or_8",
            "ld: 0711-327 WARNING: Entry point not found: PyInit__testcapi"),
        row("ld-error", "collect2: error: ld returned 1 exit status", "collecting tests"),
        row("ninja-failed", "FAILED: Modules/_decimal/libmpdec/mpdecimal.o", "FAILED (failures=2)"),
        row(
            "fatal-python-error",
            "Fatal Python error: Segmentation fault",
            "test_faulthandler passed"),
        row(
            "windows-fatal-exception",
            "Windows fatal exception: access violation",
            "OSError: [WinError 5] Access is denied"),
        row(
            "c-assertion",
            "Objects/dictobject.c:699: _PyDict_CheckConsistency: Assertion failed: mp != NULL",
            "AssertionError: 1 != 2"),
        row(
            "c-assertion",
            "python: Python/ceval.c:10: f: Assertion `x != NULL' failed.",
            "AssertionError: False is not true"),
        row("signal-crash", "Segmentation fault (core dumped)", "test_segfault_in_child passed"),
        row(
            "process-crashed",
            "0:01:02 load avg: 1.2 [ 5/40/1] test_ssl crashed (Exit code -11)",
            "0:01:02 load avg: 1.2 [ 6/40] test_crashers skipped"),
        row(
            "regrtest-timeout",
            "test_stress_delivery_dependent (test.test_signal.StressTest) ... Timeout (0:15:00)!",
            "socket.timeout: timed out"),
        row(
            "step-timeout",
            "command timed out: 1200 seconds without output running [b'make', b'buildbottest']",
            "0:20:00 load avg: 1.0 [ 1/1] test_x timed out (20 min)"),
        row(
            "make-error",
            "make: *** [Makefile:1791: _bootstrap_python] Error 1",
            "make: Nothing to be done for 'all'."));
  }

  private static Arguments row(String rule, String matches, String mustNot) {
    return Arguments.of(rule, matches, mustNot);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRuleMatchesItsLineAndNotItsLookalike(String rule, String matches, String mustNot) {
    assertThat(Rules.match(matches)).map(Rule::name).contains(rule);
    Optional<Rule> other = Rules.match(mustNot);
    assertThat(other.map(Rule::name)).isNotEqualTo(Optional.of(rule));
  }

  @Test
  void everyRuleHasARow() {
    Set<String> tested = rows().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    Set<String> all =
        Stream.concat(Rules.ALL.stream(), Stream.of(Rules.MAKE_ERROR))
            .map(Rule::name)
            .collect(Collectors.toSet());

    assertThat(tested).isEqualTo(all);
  }

  @Test
  void infrastructureOutranksTheLinkErrorItCauses() {
    assertThat(Rules.match("/usr/bin/ld.bfd: final link failed: No space left on device"))
        .map(Rule::name)
        .contains("disk-full");
  }
}
