package dev.nightwatch.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.schema.model.FailureKind;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: a failure repeated with other volatile tokens keeps its fingerprint; different
 * errors never share one. Each property is checked on a few hundred generated variants.
 */
class FingerprintTest {
  private static final int VARIANTS = 300;

  /** Generates the volatile tokens real logs vary in. */
  private record Tokens(Random random) {
    String number() {
      return String.valueOf(100 + random.nextInt(1_000_000));
    }

    String address() {
      return "0x" + Long.toHexString(0x7f0000000000L + random.nextLong(0xffffffffL));
    }

    String tmp() {
      return "/tmp/test_python_" + word(4) + "_" + word(3) + "/tmp" + word(8);
    }

    String buildDir() {
      return List.of(
              "/home/buildbot/buildarea/3.x." + word(6) + "/build",
              "/srv/buildbot/" + word(5) + "/3.13.x/build",
              "C:\\buildarea\\3.x." + word(4) + "\\build")
          .get(random.nextInt(3));
    }

    String duration() {
      return random.nextInt(3) + ":" + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50));
    }

    String ip() {
      return "127.0." + random.nextInt(256) + "." + random.nextInt(256);
    }

    String hexId() {
      return Long.toHexString(0x100000000L + random.nextLong(0xffffffffffL));
    }

    String small() {
      return String.valueOf(1 + random.nextInt(99));
    }

    String word(int n) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        s.append((char) ('a' + random.nextInt(26)));
      }
      return s.toString();
    }
  }

  private record Template(
      String name, FailureKind kind, String testFile, Function<Tokens, String> keyLine) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> templates() {
    return Stream.of(
            new Template(
                "assertion counts",
                FailureKind.TEST_FAILURE,
                "test_ftplib",
                t -> "AssertionError: " + t.number() + " != " + t.number()),
            new Template(
                "temp paths",
                FailureKind.TEST_FAILURE,
                "test_perf_profiler",
                t ->
                    "AssertionError: 'py::spam:"
                        + t.tmp()
                        + "/perftest.py' not found in '"
                        + t.hexId()
                        + " py::baz:"
                        + t.tmp()
                        + "/perftest.py\\n'"),
            new Template(
                "compiler error in a build dir",
                FailureKind.COMPILE_ERROR,
                null,
                t ->
                    t.buildDir().replace('\\', '/')
                        + "/Modules/_cursesmodule.c:"
                        + t.number()
                        + ":"
                        + t.small()
                        + ": error: implicit declaration of function 'setcchar'"),
            new Template(
                "timeout",
                FailureKind.TIMEOUT,
                "test_signal",
                t ->
                    "test_stress (test.test_signal.StressTest) ... Timeout ("
                        + t.duration()
                        + ")!"),
            new Template(
                "connection refused",
                FailureKind.TEST_FAILURE,
                "test_ssl",
                t ->
                    "ConnectionRefusedError: [Errno 111] Connection refused: ('"
                        + t.ip()
                        + "', "
                        + t.number()
                        + ")"),
            new Template(
                "dangling threads",
                FailureKind.ENV_CHANGED,
                "test_multiprocessing_fork",
                t ->
                    "Warning -- Dangling threads: {<Thread(Thread-"
                        + t.small()
                        + " (run), started "
                        + t.number()
                        + t.number()
                        + ")>}"),
            new Template(
                "object at address",
                FailureKind.TEST_FAILURE,
                "test_weakref",
                t -> "AssertionError: <Foo object at " + t.address() + "> is not None"),
            new Template(
                "reference leak",
                FailureKind.TEST_FAILURE,
                "test_builtin",
                t ->
                    "test_builtin leaked ["
                        + t.small()
                        + ", "
                        + t.small()
                        + ", "
                        + t.small()
                        + "] references, sum="
                        + t.small()),
            new Template(
                "crash with a timestamp",
                FailureKind.CRASH,
                "test_code",
                t ->
                    "2026-11-"
                        + (10 + t.random().nextInt(18))
                        + " 0"
                        + t.random().nextInt(9)
                        + ":"
                        + (10 + t.random().nextInt(50))
                        + ":11 Fatal Python error: Segmentation fault"))
        .map(Arguments::of);
  }

  private static FailureFinding finding(FailureKind kind, String testFile, String keyLine) {
    return new FailureFinding(kind, null, testFile, keyLine, 1, keyLine, "rule", false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void repeatsThatDifferOnlyInVolatileTokensShareAFingerprint(Template template) {
    Tokens tokens = new Tokens(new Random(template.name().hashCode()));
    Set<String> fingerprints = new HashSet<>();
    Set<String> signatures = new HashSet<>();
    for (int i = 0; i < VARIANTS; i++) {
      FailureFinding f =
          finding(template.kind(), template.testFile(), template.keyLine().apply(tokens));
      fingerprints.add(Fingerprint.of(f));
      signatures.add(Fingerprint.signature(f));
    }

    assertThat(signatures).as("normalized forms").hasSize(1);
    assertThat(fingerprints).hasSize(1);
  }

  @Test
  void differentErrorsNeverShareAFingerprint() {
    List<FailureFinding> distinct =
        List.of(
            finding(FailureKind.TEST_FAILURE, "test_ftplib", "AssertionError: 12019 != 12018"),
            finding(FailureKind.TEST_FAILURE, "test_poplib", "AssertionError: 12019 != 12018"),
            finding(FailureKind.TEST_FAILURE, "test_ftplib", "ValueError: 12019 != 12018"),
            finding(
                FailureKind.TEST_FAILURE,
                "test_ftplib",
                "AssertionError: 12019 not less than 12018"),
            finding(FailureKind.INFRA, null, "OSError: [Errno 28] No space left on device"),
            finding(FailureKind.INFRA, null, "OSError: [Errno 12] Cannot allocate memory"),
            finding(
                FailureKind.TEST_FAILURE,
                "test_ssl",
                "ConnectionResetError: [Errno 104] Connection reset by peer"),
            finding(
                FailureKind.TEST_FAILURE,
                "test_ssl",
                "ConnectionAbortedError: [Errno 53] Software caused connection abort"),
            finding(
                FailureKind.COMPILE_ERROR,
                null,
                "Modules/_cursesmodule.c:763:9: error: implicit declaration of function 'setcchar'"),
            finding(
                FailureKind.COMPILE_ERROR,
                null,
                "Modules/_cursesmodule.c:765:19: error: implicit declaration of function 'mvwadd_wch'"),
            finding(
                FailureKind.COMPILE_ERROR,
                null,
                "Modules/_ctypes/callproc.c:87:1: error: implicit declaration of function 'setcchar'"),
            finding(FailureKind.CRASH, "test_code", "Fatal Python error: Segmentation fault"),
            finding(FailureKind.CRASH, "test_code", "Fatal Python error: Aborted"),
            finding(FailureKind.CRASH, "test_capi", "Fatal Python error: Segmentation fault"),
            finding(
                FailureKind.TIMEOUT,
                "test_signal",
                "test_stress (test.test_signal.StressTest) ... Timeout (0:15:00)!"),
            finding(
                FailureKind.TIMEOUT,
                "test_signal",
                "test_other (test.test_signal.StressTest) ... Timeout (0:15:00)!"),
            finding(FailureKind.TEST_FAILURE, "test_os", "FAIL: test_a (test.test_os.X.test_a)"),
            finding(FailureKind.ENV_CHANGED, "test_os", "FAIL: test_a (test.test_os.X.test_a)"));
    Set<String> fingerprints = new HashSet<>();
    distinct.forEach(f -> fingerprints.add(Fingerprint.of(f)));

    assertThat(fingerprints).hasSameSizeAs(distinct);
  }

  @Test
  void theSignatureCarriesTheVersion() {
    assertThat(Fingerprint.signature(finding(FailureKind.TEST_FAILURE, "test_x", "E: 1234")))
        .isEqualTo("v" + Normalizer.VERSION + "|TEST_FAILURE|test_x|E: N");
  }
}
