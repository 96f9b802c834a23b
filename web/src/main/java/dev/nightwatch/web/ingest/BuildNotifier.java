package dev.nightwatch.web.ingest;

import dev.nightwatch.notifier.blame.BlamePolicy;
import dev.nightwatch.notifier.blame.FailureFacts;
import dev.nightwatch.notifier.blame.Judgement;
import dev.nightwatch.notifier.blame.PullRequestFinder;
import dev.nightwatch.notifier.blame.PullRequestRefs;
import dev.nightwatch.notifier.comment.CommentRenderer;
import dev.nightwatch.notifier.comment.PrReport;
import dev.nightwatch.notifier.github.CommentPoster;
import dev.nightwatch.notifier.github.GitHubClient;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.NotificationDao;
import dev.nightwatch.schema.dao.NotifyQueueDao;
import dev.nightwatch.schema.dao.PrCommentDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.Failure;
import dev.nightwatch.schema.model.Notification;
import dev.nightwatch.schema.model.NotificationDecision;
import dev.nightwatch.schema.model.PrComment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's step of the pipeline: takes each queued build once its failures are clustered,
 * asks the blame policy, finds the PR of each suspect commit (its message, else GitHub), renders
 * the PR's one comment from every build blamed on it, posts or edits it (or, in a dry run, only
 * stores it), and records the decision with its reason. A build leaves the queue only with its
 * decision recorded, so a crash or a GitHub outage delays a decision and never doubles a comment.
 */
public final class BuildNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(BuildNotifier.class);
  private static final int BATCH = 100;

  /** Post to GitHub, or only store what would be posted. */
  public enum Mode {
    DRY_RUN,
    POST
  }

  /**
   * The mode; how old a build may be and still be commented on (older ones, a backfill, are passed
   * over); the repository for every build (null: each change's or build's own); the links.
   */
  public record Settings(Mode mode, Duration maxAge, String repository, ServerLinks links) {}

  /** What one round did: builds decided, still waiting for clustering, passed over as too old. */
  public record Round(int decided, int waiting, int tooOld) {}

  private final Jdbi jdbi;
  private final BlameFacts facts;
  private final BlamePolicy policy;
  private final PullRequestFinder prs;
  private final CommentPoster poster;
  private final CommentRenderer renderer = new CommentRenderer();
  private final Settings settings;
  private final Clock clock;

  /**
   * @param github the client, or null when there is no token: a dry run then finds PRs from commit
   *     messages only
   */
  public BuildNotifier(
      Jdbi jdbi,
      BlameFacts facts,
      BlamePolicy policy,
      PullRequestRefs refs,
      GitHubClient github,
      Settings settings,
      Clock clock) {
    if (settings.mode() == Mode.POST && github == null) {
      throw new IllegalArgumentException("posting needs a GitHub client (notifier.github.token)");
    }
    this.jdbi = jdbi;
    this.facts = facts;
    this.policy = policy;
    this.prs = new PullRequestFinder(refs, github, settings.repository());
    this.poster = github == null ? null : new CommentPoster(github, CommentRenderer.MARKER);
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Decides every queued build whose failures are clustered. A GitHub error stops the round; the
   * builds not decided stay queued for the next.
   */
  public synchronized Round drain() throws IOException, InterruptedException {
    int decided = 0;
    int waiting = 0;
    int tooOld = 0;
    Instant oldest = clock.instant().minus(settings.maxAge());
    for (long id : jdbi.withExtension(NotifyQueueDao.class, q -> q.next(BATCH))) {
      Optional<Build> build = jdbi.withExtension(BuildDao.class, d -> d.find(id));
      List<Failure> failures = jdbi.withExtension(FailureDao.class, d -> d.listByBuild(id));
      if (build.isEmpty()
          || build.get().finishedAt().isBefore(oldest)
          || (failures.isEmpty() && build.get().result().isGreen())) {
        tooOld += build.isPresent() && build.get().finishedAt().isBefore(oldest) ? 1 : 0;
        jdbi.useExtension(NotifyQueueDao.class, q -> q.delete(id));
        continue;
      }
      if (failures.stream().anyMatch(f -> f.clusterId() == null)) {
        waiting++;
        continue;
      }
      try {
        decide(build.get(), failures);
        decided++;
      } catch (RuntimeException e) {
        // One build the notifier cannot decide (a bug, bad data) must not hold up the others.
        LOG.error("build {}: no decision; it stays queued", id, e);
      }
    }
    return new Round(decided, waiting, tooOld);
  }

  private void decide(Build build, List<Failure> failures)
      throws IOException, InterruptedException {
    Judgement j = policy.judge(facts.of(build, failures));
    if (!j.blames()) {
      record(build, null, List.of(), j.skip(), j.reason(), null);
      return;
    }
    List<PullRequestFinder.Found> targets = new ArrayList<>();
    List<String> unresolved = new ArrayList<>();
    for (Change change : j.suspects()) {
      PullRequestFinder.Result r = prs.find(change, build.repository());
      r.found().ifPresentOrElse(targets::add, () -> unresolved.add(r.missing()));
    }
    if (targets.isEmpty()) {
      record(
          build,
          null,
          List.of(),
          NotificationDecision.SKIPPED_NO_PR,
          j.reason() + "; no PR found: " + String.join("; ", unresolved),
          null);
      return;
    }
    for (PullRequestFinder.Found target : targets) {
      post(build, j, target);
    }
  }

  private void post(Build build, Judgement j, PullRequestFinder.Found target)
      throws IOException, InterruptedException {
    List<Long> blamed = j.breaking().stream().map(FailureFacts::failureId).toList();
    List<PrReport.BuilderBreak> sections = new ArrayList<>();
    List<Notification> before =
        jdbi.withExtension(NotificationDao.class, d -> d.blaming(target.repository(), target.pr()));
    for (Notification n : before) {
      if (n.buildId() == build.id()) {
        continue;
      }
      Optional<Build> other = jdbi.withExtension(BuildDao.class, d -> d.find(n.buildId()));
      other.ifPresent(
          b ->
              sections.add(
                  facts.section(b, new HashSet<>(n.blamedFailureIds()), settings.links())));
    }
    sections.add(facts.section(build, new HashSet<>(blamed), settings.links()));
    sections.sort(Comparator.comparing(PrReport.BuilderBreak::finishedAt));
    String body = renderer.render(new PrReport(target.repository(), target.pr(), sections));

    Optional<PrComment> stored =
        jdbi.withExtension(PrCommentDao.class, d -> d.find(target.repository(), target.pr()));
    NotificationDecision decision;
    Long commentId = null;
    String url = null;
    if (settings.mode() == Mode.DRY_RUN) {
      decision = NotificationDecision.DRY_RUN;
    } else {
      Optional<PrComment> posted = stored.filter(c -> !c.dryRun() && c.commentId() != null);
      if (posted.isPresent() && posted.get().body().equals(body)) {
        decision = NotificationDecision.UPDATED;
        commentId = posted.get().commentId();
        url = posted.get().url();
      } else {
        CommentPoster.Posted done =
            poster.post(
                target.repository(),
                target.pr(),
                body,
                posted.map(PrComment::commentId).orElse(null));
        decision =
            done.action() == CommentPoster.Action.CREATED
                ? NotificationDecision.POSTED
                : NotificationDecision.UPDATED;
        commentId = done.comment().id();
        url = done.comment().htmlUrl();
      }
    }
    String reason =
        "%s; PR #%d of %s (%s)"
            .formatted(j.reason(), target.pr(), target.repository(), target.how());
    record(
        build,
        target,
        blamed,
        decision,
        reason,
        new PrComment(
            target.repository(),
            target.pr(),
            commentId,
            url,
            body,
            settings.mode() == Mode.DRY_RUN,
            clock.instant()));
  }

  /** Records the decision and takes the build off the queue, in one transaction. */
  private void record(
      Build build,
      PullRequestFinder.Found target,
      List<Long> blamed,
      NotificationDecision decision,
      String reason,
      PrComment comment) {
    Instant now = clock.instant();
    jdbi.useTransaction(
        h -> {
          h.attach(NotificationDao.class)
              .insert(
                  new Notification(
                      0,
                      build.id(),
                      target == null ? null : target.repository(),
                      target == null ? null : target.pr(),
                      decision,
                      reason,
                      comment == null ? null : comment.body(),
                      comment == null ? null : comment.url(),
                      now,
                      blamed.isEmpty()
                          ? null
                          : blamed.stream().map(String::valueOf).collect(Collectors.joining(","))));
          if (comment != null) {
            h.attach(PrCommentDao.class).upsert(comment);
          }
          h.attach(NotifyQueueDao.class).delete(build.id());
        });
    if (comment != null) {
      LOG.info("build {} #{}: {} ({})", build.builderName(), build.number(), decision, reason);
    } else {
      LOG.debug("build {} #{}: {} ({})", build.builderName(), build.number(), decision, reason);
    }
  }
}
