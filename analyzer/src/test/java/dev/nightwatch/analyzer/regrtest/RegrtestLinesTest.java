package dev.nightwatch.analyzer.regrtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.regrtest.ProgressLines.Progress;
import dev.nightwatch.analyzer.regrtest.RegrtestLines.ListKind;
import dev.nightwatch.schema.model.TestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegrtestLinesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "3.12 passed | 0:01:23 load avg: 1.23 [ 12/450] test_os passed | test_os | PASSED | -",
        "3.12 with duration | 0:05:01 load avg: 2.00 [ 13/450] test_io passed (1 min 2 sec) | test_io | PASSED | 62000",
        "3.8 running others | 0:00:29 load avg: 1.62 [ 21/417] test_sys passed -- running: test_x (30 sec) | test_sys | PASSED | -",
        "errors | 0:02:00 load avg: 1.0 [ 14/450] test_ssl failed (2 errors) | test_ssl | FAILED | -",
        "failure count in counter | 0:00:19 load avg: 3.25 [ 17/463/1] test_ftplib failed (1 failure) | test_ftplib | FAILED | -",
        "env changed | 0:03:00 load avg: 1.0 [ 20/450] test_asyncio failed (env changed) | test_asyncio | ENV_CHANGED | -",
        "reference leak | 0:00:05 load avg: 4.30 [6/9/1] test_lrucache failed (reference leak) | test_lrucache | LEAKED | -",
        "skipped | 0:00:01 load avg: 0.1 [  2/450] test_winreg skipped | test_winreg | SKIPPED | -",
        "resource denied | 0:00:01 load avg: 0.1 [  3/450] test_gdb skipped (resource denied) | test_gdb | SKIPPED | -",
        "crashed | 0:01:02 load avg: 1.2 [ 5/40/1] test_ssl crashed (Exit code -11) | test_ssl | CRASHED | -",
        "timed out | 0:20:00 load avg: 1.0 [ 7/40/1] test_math timed out (20 min) | test_math | TIMED_OUT | 1200000",
        "started only | 0:00:00 load avg: 20.36 [1/1] test_builtin | test_builtin | - | -",
        "windows without load | 0:00:44 [ 26/434] test_asyncio | test_asyncio | - | -",
        "split test | 0:00:10 load avg: 1.0 [ 3/30] test_asyncio.test_tasks passed | test_asyncio.test_tasks | PASSED | -",
      })
  void readsProgressLines(String name, String line, String test, TestStatus status, Long millis) {
    Progress p = ProgressLines.progress(line).orElseThrow();

    assertThat(p.test()).isEqualTo(test);
    assertThat(p.status()).isEqualTo(status);
    assertThat(p.durationMillis()).isEqualTo(millis);
  }

  @Test
  void otherBracketedCountersAreNotProgress() {
    assertThat(ProgressLines.progress("[1/2] Building C object foo.o")).isEmpty();
    assertThat(ProgressLines.progress("- test_json: 3.6 sec")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3.8 framed | == Tests result: FAILURE then SUCCESS == | FAILURE then SUCCESS",
        "3.8 plain | Tests result: ENV CHANGED | ENV CHANGED",
        "3.12 | Result: FAILURE then FAILURE | FAILURE then FAILURE",
        "no tests | == Tests result: NO TESTS RAN == | NO TESTS RAN",
        "interrupted | Result: FAILURE, INTERRUPTED | FAILURE, INTERRUPTED",
      })
  void readsResultLines(String name, String line, String result) {
    assertThat(RegrtestLines.result(line)).contains(result);
  }

  @Test
  void aSentenceAboutResultsIsNotAResultLine() {
    assertThat(RegrtestLines.result("The result: it works")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "failed | 3 tests failed: | FAILED",
        "one failed | 1 test failed: | FAILED",
        "failed again (3.8) | 1 test failed again: | FAILED_AGAIN",
        "re-run | 2 re-run tests: | RERUN",
        "env changed (3.8) | 1 test altered the execution environment: | ENV_CHANGED",
        "env changed (3.12) | 1 test altered the execution environment (env changed): | ENV_CHANGED",
        "skipped | 22 tests skipped: | SKIPPED",
        "resource denied | 3 tests skipped (resource denied): | SKIPPED",
        "run no tests | 1 test run no tests: | OTHER",
      })
  void readsSummaryListHeaders(String name, String line, ListKind kind) {
    assertThat(RegrtestLines.listHeader(line)).contains(kind);
  }

  @Test
  void readsSummaryListEntriesButNotProse() {
    assertThat(RegrtestLines.listEntries("    test_devpoll test_gdb test_idle"))
        .containsExactly("test_devpoll", "test_gdb", "test_idle");
    assertThat(RegrtestLines.listEntries("    and then it failed")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3.11+ id with method | FAIL: test_sys_api (test.test_perf_profiler.TestPerfTrampoline.test_sys_api) | test_perf_profiler.TestPerfTrampoline.test_sys_api | test_perf_profiler",
        "3.8 id without method | ERROR: test_top (test.test_poplib.TestPOP3_TLSClass) | test_poplib.TestPOP3_TLSClass.test_top | test_poplib",
        "package test file | FAIL: test_run (test.test_asyncio.test_tasks.RunTests.test_run) | test_asyncio.test_tasks.RunTests.test_run | test_asyncio.test_tasks",
        "indented | '    FAIL: test_threads (test.test_gdb.PyBtTests)' | test_gdb.PyBtTests.test_threads | test_gdb",
        "subtest | FAIL: test_x (test.test_y.Z.test_x) (i=1) | test_y.Z.test_x (i=1) | test_y",
        "module setup | ERROR: setUpModule (test.test_ssl) | test_ssl.setUpModule | test_ssl",
      })
  void readsFailHeaders(String name, String line, String qualified, String file) {
    UnittestLines.UnitTest t = UnittestLines.failHeader(line).orElseThrow();

    assertThat(t.qualifiedName()).isEqualTo(qualified);
    assertThat(t.testFile()).isEqualTo(file);
  }

  @Test
  void readsTheOtherRegrtestLines() {
    assertThat(
            RegrtestLines.oneLineFailure(
                "..test test_ftplib failed -- Traceback (most recent call last):"))
        .contains("test_ftplib");
    assertThat(RegrtestLines.leak("test_builtin leaked [10, 10, 10] references, sum=30"))
        .contains("test_builtin");
    assertThat(RegrtestLines.leak("test_x leaked [0, 0, 0] references, sum=0")).isEmpty();
    assertThat(RegrtestLines.warning("Warning -- os.environ was modified by test_site"))
        .contains("test_site");
    assertThat(RegrtestLines.warning("Warning -- Dangling threads: {<Thread(T-1, started 1)>}"))
        .contains("");
    assertThat(
            RegrtestLines.rerunStart(
                "0:00:06 load avg: 3.78 Re-running 1 failed tests in verbose mode in subprocesses"))
        .isTrue();
    assertThat(RegrtestLines.rerunStart("Re-running failed tests in verbose mode")).isTrue();
    assertThat(RegrtestLines.rerunStart("Re-running test_netflaky in verbose mode (matching: x)"))
        .isFalse();
    assertThat(
            UnittestLines.verbose(
                "test_var_counts (test.test_code.CodeTest.test_var_counts) ... ok"))
        .hasValueSatisfying(t -> assertThat(t.testFile()).isEqualTo("test_code"));
  }
}
