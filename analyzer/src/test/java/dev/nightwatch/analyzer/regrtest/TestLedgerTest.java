package dev.nightwatch.analyzer.regrtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.analyzer.regrtest.RegrtestLines.ListKind;
import dev.nightwatch.analyzer.regrtest.TestLedger.Evidence;
import dev.nightwatch.schema.model.TestStatus;
import org.junit.jupiter.api.Test;

class TestLedgerTest {
  private final TestLedger ledger = new TestLedger();
  private final Evidence here = new Evidence("line", 1);

  private void progress(String line) {
    ledger.progress(ProgressLines.progress(line).orElseThrow(), here);
  }

  @Test
  void reRunPassIsAFlakyVerdict() {
    progress("0:00:01 load avg: 1.0 [1/2] test_a failed (1 failure)");
    progress("0:00:02 load avg: 1.0 [2/2] test_b passed");
    ledger.listed(ListKind.FAILED, "test_a", here); // the summary before the re-run
    ledger.startRerun();
    ledger.listed(ListKind.RERUN, "test_a", here);

    assertThat(ledger.verdicts())
        .containsExactly(
            new TestVerdict("test_a", TestStatus.FLAKY, null),
            new TestVerdict("test_b", TestStatus.PASSED, null));
  }

  @Test
  void reRunFailureIsFailedAgain() {
    progress("0:00:01 load avg: 1.0 [1/1] test_a failed (1 failure)");
    ledger.startRerun();
    progress("0:00:02 load avg: 1.0 [1/1/1] test_a failed (1 failure)");
    ledger.listed(ListKind.RERUN, "test_a", here);
    ledger.listed(ListKind.FAILED, "test_a", here);

    assertThat(ledger.verdicts())
        .containsExactly(new TestVerdict("test_a", TestStatus.FAILED_AGAIN, null));
  }

  @Test
  void theOldGenerationSaysFailedAgain() {
    progress("0:00:01 load avg: 1.0 [1/1] test_gdb failed");
    ledger.startRerun();
    ledger.listed(ListKind.FAILED_AGAIN, "test_gdb", here);

    assertThat(ledger.verdicts())
        .containsExactly(new TestVerdict("test_gdb", TestStatus.FAILED_AGAIN, null));
  }

  @Test
  void aLeakThatHappensAgainStaysALeak() {
    progress("0:00:05 load avg: 4.30 [6/9/1] test_lrucache failed (reference leak)");
    ledger.startRerun();
    progress("0:00:06 load avg: 4.30 [1/1/1] test_lrucache failed (reference leak)");

    assertThat(ledger.verdicts())
        .containsExactly(new TestVerdict("test_lrucache", TestStatus.LEAKED, null));
  }

  @Test
  void aUnittestNameIsFiledUnderItsRegrtestTestFile() {
    progress("0:00:01 load avg: 1.0 [1/1] test_asyncio failed");
    ledger.failed("test_asyncio.test_tasks", false, here);

    assertThat(ledger.regrtestName("test_asyncio.test_tasks")).isEqualTo("test_asyncio");
    assertThat(ledger.verdicts())
        .containsExactly(new TestVerdict("test_asyncio", TestStatus.FAILED, null));
  }

  @Test
  void theSummaryListsDecideTestsTheProgressLinesMissed() {
    ledger.listed(ListKind.ENV_CHANGED, "test_asyncio", here);
    ledger.listed(ListKind.SKIPPED, "test_winreg", here);

    assertThat(ledger.verdicts())
        .containsExactly(
            new TestVerdict("test_asyncio", TestStatus.ENV_CHANGED, null),
            new TestVerdict("test_winreg", TestStatus.SKIPPED, null));
  }
}
