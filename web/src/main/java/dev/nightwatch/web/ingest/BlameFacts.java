package dev.nightwatch.web.ingest;

import dev.nightwatch.notifier.blame.BuildFacts;
import dev.nightwatch.notifier.blame.FailureFacts;
import dev.nightwatch.notifier.comment.PrReport;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.ChangeDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.TestHistoryDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.Failure;
import dev.nightwatch.schema.model.FlakinessVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads from the store what the notifier weighs and what its comment shows: a build's previous
 * result, its failures with their flakiness verdicts and whether their cluster is new on the
 * builder, its new commits, and each blamed failure's history.
 */
public final class BlameFacts {
  private static final int LISTED_BUILDERS = 6;

  private final Jdbi jdbi;
  private final Explanations explanations;

  public BlameFacts(Jdbi jdbi, Explanations explanations) {
    this.jdbi = jdbi;
    this.explanations = explanations;
  }

  /** The build's new commits; a build without changes but with a revision has that one commit. */
  public static List<Change> suspects(Handle h, Build build) {
    ChangeDao dao = h.attach(ChangeDao.class);
    List<Change> changes = dao.newByBuild(build.id());
    // No new change may mean none at all (a forced build): then its revision is the one commit.
    if (changes.isEmpty()
        && build.revision() != null
        && !build.revision().isBlank()
        && dao.listByBuild(build.id()).isEmpty()) {
      return List.of(
          new Change(build.revision(), null, null, build.repository(), build.branch(), null));
    }
    return changes;
  }

  public BuildFacts of(Build build, List<Failure> failures) {
    List<FailureFacts> facts = new ArrayList<>();
    for (Failure f : failures) {
      Explanation e =
          explanations
              .explain(f.id())
              .orElse(new Explanation(FlakinessVerdict.NEW, "no explanation", java.util.Map.of()));
      facts.add(
          new FailureFacts(
              f.id(), f.kind(), testName(f), e.verdict(), e.reason(), newOnBuilder(build, f)));
    }
    return jdbi.withHandle(
        h ->
            new BuildFacts(
                build.builderName(),
                build.result(),
                previous(h, build),
                facts,
                suspects(h, build)));
  }

  private static BuildResult previous(Handle h, Build build) {
    return h.attach(TestHistoryDao.class)
        .previousBuild(build.builderId(), build.finishedAt(), build.id())
        .flatMap(id -> h.attach(BuildDao.class).find(id))
        .map(Build::result)
        .orElse(null);
  }

  private boolean newOnBuilder(Build build, Failure f) {
    if (f.clusterId() == null) {
      return true;
    }
    return !jdbi.withHandle(
        h ->
            h.attach(FailureDao.class)
                .seenOnBuilderBefore(
                    f.clusterId(), build.builderId(), build.finishedAt(), build.id()));
  }

  /** The comment's section for a blamed build: its blamed failures, each known or new. */
  public PrReport.BuilderBreak section(Build build, Set<Long> blamed, ServerLinks links) {
    return jdbi.withHandle(
        h -> {
          FailureDao dao = h.attach(FailureDao.class);
          List<PrReport.FailureNote> notes = new ArrayList<>();
          for (Failure f : dao.listByBuild(build.id())) {
            if (!blamed.contains(f.id())) {
              continue;
            }
            PrReport.Known known = null;
            if (f.clusterId() != null) {
              FailureDao.ClusterBefore before =
                  dao.clusterBefore(f.clusterId(), build.finishedAt(), build.id());
              if (before.occurrences() > 0) {
                known =
                    new PrReport.Known(
                        before.occurrences(),
                        before.firstSeen(),
                        dao.buildersBefore(
                            f.clusterId(), build.finishedAt(), build.id(), LISTED_BUILDERS + 1));
              }
            }
            notes.add(
                new PrReport.FailureNote(
                    f.kind(),
                    testName(f),
                    f.keyLine(),
                    f.excerpt(),
                    known,
                    f.clusterId() == null ? null : links.cluster(f.clusterId())));
          }
          return new PrReport.BuilderBreak(
              build.builderName(),
              build.number(),
              build.finishedAt(),
              build.revision(),
              build.url(),
              links.build(build.id()),
              notes);
        });
  }

  private static String testName(Failure f) {
    return f.testName() != null ? f.testName() : f.testFile();
  }
}
