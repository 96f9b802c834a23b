package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.BuildVerdicts;
import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.analyzer.Verdict;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.IndexQueueDao;
import dev.nightwatch.schema.dao.NotifyQueueDao;
import dev.nightwatch.schema.dao.VerdictDao;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.BuildVerdict;
import dev.nightwatch.schema.model.Failure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Stores what the analyzer found in a build's logs, replacing an earlier analysis of it. */
final class AnalysisWriter {
  /** One analysed log and the id it was stored under. */
  record AnalysedLog(long logId, LogAnalysis analysis) {}

  private AnalysisWriter() {}

  /** True when the build already has a verdict from this version of the analyzer. */
  static boolean isCurrent(Handle handle, long buildId) {
    return handle
        .attach(VerdictDao.class)
        .find(buildId)
        .filter(v -> v.analyzerVersion() == LogAnalyzer.VERSION)
        .isPresent();
  }

  /**
   * Replaces the build's failures, test outcomes (with their history) and verdict with those of
   * these logs.
   */
  static void replace(
      Handle handle,
      long buildId,
      BuildResult result,
      List<AnalysedLog> logs,
      TestHistoryWriter history,
      Instant now) {
    FailureDao failures = handle.attach(FailureDao.class);
    IndexQueueDao queue = handle.attach(IndexQueueDao.class);
    // The old failures leave the index and their clusters' counts; the new ones are queued to be
    // clustered and indexed, all in this transaction.
    List<Long> clusters = failures.clustersOfBuild(buildId);
    queue.enqueueBuild(buildId, now);
    failures.deleteByBuild(buildId);
    handle.attach(ClusterDao.class).recount(clusters, now);

    int ordinal = 0;
    Map<String, TestVerdict> tests = new LinkedHashMap<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (AnalysedLog log : logs) {
      for (FailureFinding f : log.analysis().failures()) {
        failures.insert(toFailure(buildId, log.logId(), f, now), ordinal++);
      }
      for (TestVerdict t : log.analysis().tests()) {
        tests.merge(t.testFile(), t, (a, b) -> b.status().isFailure() ? b : a);
      }
      verdicts.add(log.analysis().verdict());
    }
    queue.enqueueBuild(buildId, now);
    // The notifier decides once the new failures are clustered.
    handle.attach(NotifyQueueDao.class).enqueue(buildId, now);
    history.replace(handle, buildId, tests.values());

    BuildVerdicts.Combined combined = BuildVerdicts.combine(result, verdicts);
    Verdict v = combined.verdict();
    Long logId = combined.logIndex() < 0 ? null : logs.get(combined.logIndex()).logId();
    handle
        .attach(VerdictDao.class)
        .save(
            new BuildVerdict(
                buildId,
                v.status(),
                v.kind(),
                v.reason(),
                v.keyLine(),
                v.keyLine() == null ? null : v.lineNumber(),
                logId,
                LogAnalyzer.VERSION,
                now));
  }

  private static Failure toFailure(long buildId, long logId, FailureFinding f, Instant now) {
    return new Failure(
        0,
        buildId,
        logId,
        f.kind(),
        f.testName(),
        f.testFile(),
        f.keyLine(),
        f.lineNumber(),
        f.excerpt(),
        f.rule(),
        Fingerprint.of(f),
        f.flaky(),
        null,
        now);
  }
}
