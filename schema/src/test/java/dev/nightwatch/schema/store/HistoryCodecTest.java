package dev.nightwatch.schema.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCodecTest {
  @Test
  void roundTripsEveryStatusOutOfOrderIdsAndIncidents() {
    List<TestRun> runs = new ArrayList<>();
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    int i = 0;
    for (TestStatus s : TestStatus.values()) {
      // ids out of order (backfilled builds), a time going back, an incident now and then
      runs.add(
          new TestRun(
              1000 - 7L * i, 40 + i, t.plusSeconds(3600L * (i % 3 == 0 ? -i : i)), s, i % 4 == 0));
      i++;
    }
    assertThat(HistoryCodec.decode(HistoryCodec.encode(runs))).isEqualTo(runs);
    assertThat(HistoryCodec.decode(HistoryCodec.encode(List.of()))).isEmpty();
  }

  @Test
  void aTypicalRunTakesAFewBytes() {
    List<TestRun> runs = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      runs.add(
          new TestRun(
              5_000_000L + 97 * i,
              30_000 + i,
              Instant.ofEpochSecond(1_780_000_000L + 1800L * i),
              TestStatus.PASSED,
              false));
    }
    assertThat(HistoryCodec.encode(runs).length).isLessThan(256 * 7);
  }

  @Test
  void refusesBytesThatAreNotAHistory() {
    assertThatThrownBy(() -> HistoryCodec.decode(new byte[] {9, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
