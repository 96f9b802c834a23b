package dev.nightwatch.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.dao.DayWindow;
import dev.nightwatch.schema.dao.TestHistoryDao;
import dev.nightwatch.schema.model.SegmentState;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.model.TestTotals;
import dev.nightwatch.schema.store.HistoryCodec;
import dev.nightwatch.web.cli.DemoHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes, aggregates, loads and series kept in step with real ingests into real SQLite. */
class TestHistoryWriterTest {
  @TempDir Path dir;
  private TestStore store;

  @BeforeEach
  void open() throws Exception {
    store = new TestStore(dir);
  }

  private static String log(TestStatus os, TestStatus sys, int others) {
    Map<String, TestStatus> m = new LinkedHashMap<>();
    m.put("test_os", os);
    m.put("test_sys", sys);
    for (int i = 0; i < others; i++) {
      m.put("test_other" + i, TestStatus.PASSED);
    }
    return DemoHistory.log(m);
  }

  private long ingest(int n, String log) throws Exception {
    return store.ingest("AMD64 Debian", n, log, TestStore.T0.plus(Duration.ofHours(n)));
  }

  private TestTotals totals(String test) {
    long day = TestStore.T0.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
    return store
        .database
        .jdbi()
        .onDemand(TestHistoryDao.class)
        .totals(TestHistoryDao.ALL_BRANCHES, new DayWindow(day - 1, day + 30))
        .stream()
        .filter(t -> t.testName().equals(test))
        .findFirst()
        .orElseThrow();
  }

  private List<TestRun> series(String test) {
    return store
        .database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT s.history FROM test_series s JOIN tests t ON t.id = s.test_id"
                            + " WHERE t.name = :name")
                    .bind("name", test)
                    .mapTo(byte[].class)
                    .list())
        .stream()
        .flatMap(b -> HistoryCodec.decode(b).stream())
        .toList();
  }

  private String state(String test) {
    return store
        .database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT s.state FROM test_series s JOIN tests t ON t.id = s.test_id"
                            + " WHERE t.name = :name")
                    .bind("name", test)
                    .mapTo(String.class)
                    .one());
  }

  @Test
  void outcomesAreCountedOnceAtEveryLevelAndAReAnalysisReplacesThem() throws Exception {
    ingest(1, log(TestStatus.PASSED, TestStatus.FLAKY, 10));
    ingest(2, log(TestStatus.FAILED_AGAIN, TestStatus.PASSED, 10));
    assertThat(totals("test_os"))
        .extracting(TestTotals::runs, TestTotals::failures, TestTotals::flaky, TestTotals::red)
        .containsExactly(2L, 1L, 0L, 1L);
    assertThat(totals("test_sys").flaky()).isEqualTo(1);
    assertThat(totals("test_sys").firstFlakyAt()).isEqualTo(TestStore.T0.plus(Duration.ofHours(1)));

    // The same build again, its log changed: its old outcomes are taken away first.
    ingest(2, log(TestStatus.PASSED, TestStatus.PASSED, 10));
    assertThat(totals("test_os"))
        .extracting(TestTotals::runs, TestTotals::failures)
        .containsExactly(2L, 0L);
    assertThat(series("test_os"))
        .extracting(TestRun::status)
        .containsExactly(TestStatus.PASSED, TestStatus.PASSED);

    long rows =
        store
            .database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT COUNT(*) FROM test_days WHERE test_id = (SELECT id FROM tests"
                                + " WHERE name = 'test_os')")
                        .mapTo(Long.class)
                        .one());
    assertThat(rows).isEqualTo(3); // builder, branch and fleet rows of the one day
  }

  @Test
  void aRegressionMakesTheSeriesFailingFromWhereItBegan() throws Exception {
    for (int n = 1; n <= 12; n++) {
      ingest(n, log(n > 8 ? TestStatus.FAILED_AGAIN : TestStatus.PASSED, TestStatus.PASSED, 10));
    }
    assertThat(state("test_os")).isEqualTo(SegmentState.FAILING.name());
    Integer start =
        store
            .database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT segment_build_number FROM test_series s"
                                + " JOIN tests t ON t.id = s.test_id WHERE t.name = 'test_os'")
                        .mapTo(Integer.class)
                        .one());
    assertThat(start).isEqualTo(9);
    assertThat(state("test_sys")).isEqualTo(SegmentState.STABLE.name());
  }

  @Test
  void aMassFailureIsAnIncidentCountedApart() throws Exception {
    for (int n = 1; n <= 3; n++) {
      ingest(n, log(TestStatus.PASSED, TestStatus.PASSED, 10));
    }
    Map<String, TestStatus> all = new LinkedHashMap<>();
    for (String t :
        List.of(
            "test_os",
            "test_sys",
            "test_a",
            "test_b",
            "test_c",
            "test_d",
            "test_e",
            "test_f",
            "test_g",
            "test_h")) {
      all.put(t, TestStatus.FAILED_AGAIN);
    }
    long id = ingest(4, DemoHistory.log(all));
    assertThat(
            store
                .database
                .jdbi()
                .onDemand(TestHistoryDao.class)
                .findLoad(id)
                .orElseThrow()
                .incident())
        .isEqualTo("MASS_FAILURE");
    assertThat(totals("test_os"))
        .extracting(TestTotals::runs, TestTotals::failures, TestTotals::incidents)
        .containsExactly(3L, 0L, 1L);
    assertThat(series("test_os")).hasSize(4).last().extracting(TestRun::incident).isEqualTo(true);
    assertThat(state("test_os")).isEqualTo(SegmentState.STABLE.name());
  }

  @Test
  void aRebuildFromStoredOutcomesDerivesTheSameHistory() throws Exception {
    for (int n = 1; n <= 6; n++) {
      ingest(
          n,
          log(
              n % 3 == 0 ? TestStatus.FLAKY : TestStatus.PASSED,
              n > 4 ? TestStatus.FAILED_AGAIN : TestStatus.PASSED,
              10));
    }
    String days = "SELECT * FROM test_days ORDER BY builder_id, branch, day, test_id, worker_id";
    String series =
        "SELECT test_id, builder_id, branch, hex(history), state, segment_build_id,"
            + " segment_runs, segment_unexpected, flip_rate FROM test_series ORDER BY 1, 2, 3";
    String weeks = "SELECT * FROM test_weeks ORDER BY builder_id, branch, week, test_id, worker_id";
    String loads = "SELECT * FROM build_loads ORDER BY build_id";
    var before = snapshot(days, weeks, series, loads);

    long replayed = TestHistoryWriter.defaults().rebuild(store.database.jdbi());

    assertThat(replayed).isEqualTo(6);
    assertThat(snapshot(days, weeks, series, loads)).isEqualTo(before);
  }

  private List<List<Map<String, Object>>> snapshot(String... queries) {
    return store
        .database
        .jdbi()
        .withHandle(
            h ->
                java.util.Arrays.stream(queries)
                    .map(q -> h.createQuery(q).mapToMap().list())
                    .toList());
  }
}
