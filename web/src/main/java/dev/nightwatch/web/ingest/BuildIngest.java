package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.LogDigest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline for one collected build: each log is read once, streamed, for its analysis
 * and its digest (before any lock is taken), then the build, its logs, failures, test outcomes and
 * verdict are stored in one transaction. Ingesting the same build again changes nothing.
 */
public final class BuildIngest {
  private static final Logger LOG = LoggerFactory.getLogger(BuildIngest.class);

  /** Work for after the build is committed: clustering and indexing its failures. */
  @FunctionalInterface
  public interface AfterCommit {
    /** Nothing: the failures wait in the index queue for the process that holds the index. */
    AfterCommit NOTHING = () -> {};

    void run() throws IOException;
  }

  private final BuildWriter writer;
  private final LogAnalyzer analyzer;
  private final Clock clock;
  private final AfterCommit afterCommit;
  private final TestHistoryWriter history;

  public BuildIngest(
      BuildWriter writer,
      LogAnalyzer analyzer,
      Clock clock,
      AfterCommit afterCommit,
      TestHistoryWriter history) {
    this.writer = writer;
    this.analyzer = analyzer;
    this.clock = clock;
    this.afterCommit = afterCommit;
    this.history = history;
  }

  public BuildWriter.Result ingest(BuildRecord build) throws IOException {
    Map<LogRecord, LogAnalysis> analyses = new IdentityHashMap<>();
    Map<LogRecord, LogDigest> digests = new IdentityHashMap<>();
    List<LogRecord> order = new ArrayList<>();
    for (StepRecord step : build.steps()) {
      for (LogRecord log : step.logs()) {
        // One read serves both the analysis and the digest that tells a changed log.
        try (LogDigest.Digesting in = LogDigest.digesting(log.content().open())) {
          analyses.put(log, analyzer.analyze(unclosable(in), LogFormat.AUTO));
          digests.put(log, in.finish());
        }
        order.add(log);
      }
    }
    BuildWriter.Result result = write(build, analyses, digests, order);
    try {
      afterCommit.run();
    } catch (IOException | RuntimeException e) {
      // The build is stored and its failures are queued: the next drain clusters them.
      LOG.warn("build {} is stored; clustering its failures is deferred", result.buildId(), e);
    }
    return result;
  }

  private BuildWriter.Result write(
      BuildRecord build,
      Map<LogRecord, LogAnalysis> analyses,
      Map<LogRecord, LogDigest> digests,
      List<LogRecord> order)
      throws IOException {
    return writer.write(
        build,
        digests,
        (handle, result, logIds) -> {
          if (result.outcome() == BuildWriter.Outcome.UNCHANGED
              && AnalysisWriter.isCurrent(handle, result.buildId())) {
            return;
          }
          List<AnalysisWriter.AnalysedLog> logs = new ArrayList<>();
          for (LogRecord log : order) {
            logs.add(new AnalysisWriter.AnalysedLog(logIds.get(log), analyses.get(log)));
          }
          AnalysisWriter.replace(
              handle, result.buildId(), build.result(), logs, history, clock.instant());
        });
  }

  /** The stream, but the analyzer's close leaves it open for the digest to finish. */
  private static InputStream unclosable(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }
}
