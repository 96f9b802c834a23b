package dev.nightwatch.web.ingest;

import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.collector.mail.MailBuild;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.BuildWriter;
import dev.nightwatch.schema.store.LogDigest;
import dev.nightwatch.schema.store.LogStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline for one collected build: each log is read once, streamed, for its analysis
 * and its digest (before any lock is taken), then the build, its logs, failures, test outcomes and
 * verdict are stored in one transaction. Ingesting the same build again changes nothing.
 *
 * <p>The analysis covers every log the build has, not only the record's: a build that another
 * source stored before (a JUnit XML report imported beside the REST API's logs) keeps what its
 * other logs say. The text of a failure mail stands in for the logs only until they come: once the
 * build has logs of other steps, the {@code mail} step's is not analysed.
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
  private final Jdbi jdbi;
  private final LogStore logs;

  public BuildIngest(
      BuildWriter writer,
      Jdbi jdbi,
      LogStore logs,
      LogAnalyzer analyzer,
      Clock clock,
      AfterCommit afterCommit,
      TestHistoryWriter history) {
    this.writer = writer;
    this.jdbi = jdbi;
    this.logs = logs;
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
    List<StoredLog> others = otherLogs(build);
    BuildWriter.Result result = write(build, analyses, digests, order, others);
    try {
      afterCommit.run();
    } catch (IOException | RuntimeException e) {
      // The build is stored and its failures are queued: the next drain clusters them.
      LOG.warn("build {} is stored; clustering its failures is deferred", result.buildId(), e);
    }
    return result;
  }

  /** A log the build already has that the record does not bring, with its analysis. */
  private record StoredLog(long id, LogAnalysis analysis) {}

  /**
   * The stored logs of this build that the record does not replace, analysed now (outside the write
   * lock); the mail's text only while the build has no other logs.
   */
  private List<StoredLog> otherLogs(BuildRecord build) {
    Set<String> brought = new HashSet<>();
    boolean realLogs = false;
    for (StepRecord step : build.steps()) {
      for (LogRecord log : step.logs()) {
        brought.add(step.name() + "\0" + log.name());
        realLogs |= !step.name().equals(MailBuild.STEP);
      }
    }
    List<LogInfo> stored =
        jdbi.withHandle(
            h ->
                h.attach(BuildDao.class)
                    .findByName(build.sourceName(), build.builderName(), build.number())
                    .map(b -> h.attach(LogDao.class).listByBuild(b.id()))
                    .orElse(List.of()));
    List<LogInfo> kept =
        stored.stream().filter(l -> !brought.contains(l.stepName() + "\0" + l.name())).toList();
    boolean anyReal = realLogs || kept.stream().anyMatch(l -> !l.stepName().equals(MailBuild.STEP));
    List<StoredLog> out = new ArrayList<>();
    for (LogInfo log : kept) {
      if (anyReal && log.stepName().equals(MailBuild.STEP)) {
        continue;
      }
      out.add(new StoredLog(log.id(), analyzer.analyze(logs.open(log.id()), LogFormat.AUTO)));
    }
    return out;
  }

  private BuildWriter.Result write(
      BuildRecord build,
      Map<LogRecord, LogAnalysis> analyses,
      Map<LogRecord, LogDigest> digests,
      List<LogRecord> order,
      List<StoredLog> others)
      throws IOException {
    return writer.write(
        build,
        digests,
        (handle, result, logIds) -> {
          if (result.outcome() == BuildWriter.Outcome.UNCHANGED
              && AnalysisWriter.isCurrent(handle, result.buildId())) {
            return;
          }
          List<AnalysisWriter.AnalysedLog> analysed = new ArrayList<>();
          for (LogRecord log : order) {
            analysed.add(new AnalysisWriter.AnalysedLog(logIds.get(log), analyses.get(log)));
          }
          for (StoredLog log : others) {
            analysed.add(new AnalysisWriter.AnalysedLog(log.id(), log.analysis()));
          }
          AnalysisWriter.replace(
              handle, result.buildId(), build.result(), analysed, history, clock.instant());
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
