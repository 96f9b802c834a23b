package dev.nightwatch.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightwatch.schema.model.TestStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated test history for the demo, labelled as such (master {@code generated.demo}): weeks of
 * regrtest runs on a few builders with flaky tests, a regression, a fix, a worker outage and a mass
 * failure, written as regrtest stdio logs with sidecars so they go through the real pipeline.
 */
public final class DemoHistory {
  /** The master name every generated build carries, so pages and API can tell them apart. */
  public static final String MASTER = "generated.demo";

  static final List<String> TESTS =
      List.of(
          "test_asyncio",
          "test_os",
          "test_sys",
          "test_ftplib",
          "test_socket",
          "test_ssl",
          "test_threading",
          "test_subprocess",
          "test_zipfile",
          "test_json",
          "test_re",
          "test_logging",
          "test_signal",
          "test_io",
          "test_time",
          "test_unicode",
          "test_math",
          "test_datetime",
          "test_pathlib",
          "test_multiprocessing_spawn",
          "test_tarfile",
          "test_concurrent_futures",
          "test_httplib",
          "test_imaplib",
          "test_array",
          "test_bisect",
          "test_bytes",
          "test_calendar",
          "test_codecs",
          "test_collections",
          "test_contextlib",
          "test_csv",
          "test_decimal",
          "test_dict",
          "test_email",
          "test_enum",
          "test_fileio",
          "test_functools",
          "test_glob",
          "test_gzip",
          "test_hashlib",
          "test_heapq",
          "test_inspect",
          "test_itertools",
          "test_list",
          "test_locale",
          "test_mmap",
          "test_operator");

  /** The generated builders, in the order the scenarios refer to them. */
  public static final List<String> BUILDERS =
      List.of(
          "AMD64 Debian PGO 3.x",
          "AMD64 Ubuntu Shared 3.x",
          "ARM64 macOS 3.x",
          "AMD64 Windows11 3.x",
          "s390x RHEL8 3.x",
          "AMD64 Fedora Stable 3.13");

  private final Random random = new Random(20261201);
  private final Instant end;

  /** Builds whose last finishes a few minutes before {@code end}. */
  public DemoHistory(Instant end) {
    this.end = end;
  }

  /** Writes the builds' logs and sidecars under {@code dir}; returns how many builds. */
  public int write(Path dir, int buildsPerBuilder) throws IOException {
    ObjectMapper json = new ObjectMapper();
    int written = 0;
    for (int b = 0; b < BUILDERS.size(); b++) {
      String builder = BUILDERS.get(b);
      String branch = builder.endsWith("3.13") ? "3.13" : "main";
      Path builderDir = dir.resolve(builder.replace(' ', '_'));
      Files.createDirectories(builderDir);
      for (int n = 1; n <= buildsPerBuilder; n++) {
        Instant finished =
            end.minus(Duration.ofHours(4L * (buildsPerBuilder - n) + b)).minusSeconds(300);
        Map<String, TestStatus> outcomes = outcomes(b, n, buildsPerBuilder);
        boolean red = outcomes.values().stream().anyMatch(TestStatus::isFailure);
        Path log = builderDir.resolve(n + ".log");
        Files.writeString(log, log(outcomes), StandardCharsets.UTF_8);
        ObjectNode sidecar = json.createObjectNode();
        sidecar.put("master", MASTER);
        sidecar.put("builder", builder);
        sidecar.put("number", n);
        sidecar.put("branch", branch);
        String revision = revision(builder, n);
        sidecar.put("revision", revision);
        sidecar.put("repository", "https://github.com/python/cpython");
        // One generated commit per build, naming a made-up PR: the notifier's dry run has a
        // suspect.
        ObjectNode commit = sidecar.putArray("changes").addObject();
        commit.put("revision", revision);
        commit.put("author", "Demo Contributor <demo@example.invalid>");
        commit.put(
            "message",
            "gh-%d: generated change %d on %s (#%d)"
                .formatted(90_000 + n, n, builder, 100_000 + 100 * b + n));
        sidecar.put(
            "result",
            red ? "FAILURE" : outcomes.containsValue(TestStatus.FLAKY) ? "WARNINGS" : "SUCCESS");
        sidecar.put("finished", finished.toString());
        sidecar.put("started", finished.minus(Duration.ofMinutes(40)).toString());
        sidecar.put("worker", "gen-worker-" + b);
        sidecar.put("step", "test");
        sidecar.put("reason", "generated history (not a real build)");
        json.writerWithDefaultPrettyPrinter()
            .writeValue(builderDir.resolve(n + ".log.json").toFile(), sidecar);
        written++;
      }
    }
    return written;
  }

  /** A made-up commit hash, different for every build, that looks like one. */
  private static String revision(String builder, int n) {
    try {
      byte[] sha =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest((builder + "#" + n).getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** Each test's outcome in build n of builder b: the demo's scenarios. */
  private Map<String, TestStatus> outcomes(int b, int n, int builds) {
    Map<String, TestStatus> out = new LinkedHashMap<>();
    boolean mass = b == 3 && n == builds / 2;
    boolean outage = b == 4 && n >= builds * 2 / 3 && n < builds * 2 / 3 + 3;
    for (String test : TESTS) {
      TestStatus s = TestStatus.PASSED;
      double flakyRate =
          switch (test) {
            case "test_asyncio" -> 0.12;
            case "test_ftplib" -> b == 4 ? 0.15 : 0.03;
            case "test_threading" -> b < 2 ? 0.08 : 0;
            case "test_socket" -> 0.04;
            case "test_multiprocessing_spawn" -> b == 2 ? 0.2 : 0.02;
            case "test_concurrent_futures" -> 0.05;
            default -> 0;
          };
      if (random.nextDouble() < flakyRate) {
        s = random.nextDouble() < 0.1 ? TestStatus.FAILED_AGAIN : TestStatus.FLAKY;
      }
      // test_zipfile regressed on the Debian builder two thirds of the way through.
      if (test.equals("test_zipfile") && b == 0 && n > builds * 2 / 3) {
        s = TestStatus.FAILED_AGAIN;
      }
      // test_ssl was broken on Ubuntu for a stretch, then fixed.
      if (test.equals("test_ssl") && b == 1 && n > builds / 4 && n <= builds / 4 + 8) {
        s = TestStatus.FAILED_AGAIN;
      }
      if (mass && random.nextDouble() < 0.8 || outage && random.nextDouble() < 0.3) {
        s = TestStatus.FAILED_AGAIN;
      }
      out.put(test, s);
    }
    return out;
  }

  /** A regrtest stdio log with these outcomes: progress lines, tracebacks, a re-run phase. */
  public static String log(Map<String, TestStatus> outcomes) {
    StringBuilder log = new StringBuilder();
    int total = outcomes.size();
    log.append("== CPython 3.14.0a0 (generated history, not a real build)\n");
    log.append(
        "0:00:00 load avg: 0.50 Run %d tests in parallel using 2 worker processes\n"
            .formatted(total));
    int i = 0;
    List<String> failed = new ArrayList<>();
    List<String> rerunPassed = new ArrayList<>();
    List<String> failedAgain = new ArrayList<>();
    for (Map.Entry<String, TestStatus> e : outcomes.entrySet()) {
      i++;
      String test = e.getKey();
      boolean fails = e.getValue() != TestStatus.PASSED;
      log.append(
          "0:00:%02d load avg: 0.50 [%2d/%d] %s%s\n"
              .formatted(i % 60, i, total, test, fails ? " failed (1 failure)" : " passed"));
      if (fails) {
        log.append(failure(test));
        failed.add(test);
        (e.getValue() == TestStatus.FLAKY ? rerunPassed : failedAgain).add(test);
      }
    }
    log.append("\n%d tests OK.\n".formatted(total - failed.size()));
    if (failed.isEmpty()) {
      log.append("\n== Tests result: SUCCESS ==\n");
      return log.toString();
    }
    log.append(
        "\n%d test%s failed:\n    %s\n"
            .formatted(failed.size(), failed.size() == 1 ? "" : "s", String.join(" ", failed)));
    log.append(
        "\n0:01:00 load avg: 0.50 Re-running %d failed tests in verbose mode in"
                .formatted(failed.size())
            + " subprocesses\n");
    int j = 0;
    for (String test : failed) {
      j++;
      boolean again = failedAgain.contains(test);
      log.append(
          "0:01:%02d load avg: 0.50 [%d/%d%s] %s%s\n"
              .formatted(
                  j,
                  j,
                  failed.size(),
                  again ? "/1" : "",
                  test,
                  again ? " failed (1 failure)" : " passed"));
      if (again) {
        log.append(failure(test));
      }
    }
    log.append(
        "\n== Tests result: FAILURE then %s ==\n"
            .formatted(failedAgain.isEmpty() ? "SUCCESS" : "FAILURE"));
    log.append("\n%d tests OK.\n".formatted(total - failedAgain.size()));
    if (!rerunPassed.isEmpty()) {
      log.append(
          "\n%d re-run test%s:\n    %s\n"
              .formatted(
                  rerunPassed.size(),
                  rerunPassed.size() == 1 ? "" : "s",
                  String.join(" ", rerunPassed)));
    }
    if (!failedAgain.isEmpty()) {
      log.append(
          "\n%d test%s failed again:\n    %s\n"
              .formatted(
                  failedAgain.size(),
                  failedAgain.size() == 1 ? "" : "s",
                  String.join(" ", failedAgain)));
    }
    return log.toString();
  }

  private static String failure(String test) {
    String module = test.substring("test_".length());
    return """
        ======================================================================
        FAIL: test_%1$s_roundtrip (test.%2$s.%3$sTests.test_%1$s_roundtrip)
        ----------------------------------------------------------------------
        Traceback (most recent call last):
          File "/home/buildbot/cpython/Lib/test/%2$s.py", line %4$d, in test_%1$s_roundtrip
            self.assertEqual(result, expected)
        AssertionError: %1$s result differs from expected value

        """
        .formatted(
            module,
            test,
            Character.toUpperCase(module.charAt(0)) + module.substring(1),
            100 + (module.length() * 17) % 400);
  }
}
