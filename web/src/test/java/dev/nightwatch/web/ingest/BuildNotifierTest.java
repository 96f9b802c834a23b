package dev.nightwatch.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.notifier.blame.BlamePolicy;
import dev.nightwatch.notifier.blame.BuilderFilter;
import dev.nightwatch.notifier.blame.PullRequestRefs;
import dev.nightwatch.notifier.comment.CommentRenderer;
import dev.nightwatch.notifier.github.FakeGitHub;
import dev.nightwatch.notifier.github.GitHubClient;
import dev.nightwatch.notifier.github.GitHubException;
import dev.nightwatch.schema.dao.NotificationDao;
import dev.nightwatch.schema.dao.NotifyQueueDao;
import dev.nightwatch.schema.dao.PrCommentDao;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.Notification;
import dev.nightwatch.schema.model.NotificationDecision;
import dev.nightwatch.schema.model.PrComment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier over a real store and index, talking to a fake GitHub that is a real HTTP server:
 * builds go through the ingest pipeline, get clustered, and the notifier decides about them.
 */
class BuildNotifierTest {
  private static final String REPO = "python/cpython";
  private static final String GREEN =
      "0:00:01 load avg: 0.50 [1/1] test_os\n\n== Tests result: SUCCESS ==\n";
  private static final String SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

  @TempDir Path dir;
  private TestStore store;
  private FakeGitHub github;

  @BeforeEach
  void open() throws IOException {
    store = new TestStore(dir);
    github = FakeGitHub.start();
  }

  @AfterEach
  void close() throws IOException {
    github.close();
    store.indexer.close();
  }

  private BuildNotifier notifier(BuildNotifier.Mode mode, boolean withGitHub) {
    GitHubClient client =
        withGitHub
            ? new GitHubClient(
                new GitHubClient.Settings(
                    github.url(),
                    "t0ken",
                    Duration.ofSeconds(5),
                    3,
                    Duration.ZERO,
                    Duration.ofMinutes(1)),
                HttpClient.newHttpClient(),
                d -> {},
                Clock.systemUTC())
            : null;
    var jdbi = store.database.jdbi();
    return new BuildNotifier(
        jdbi,
        new BlameFacts(jdbi, new Explanations(jdbi, Explanations.Settings.DEFAULT)),
        new BlamePolicy(BuilderFilter.all(), 1),
        new PullRequestRefs(PullRequestRefs.Pick.LAST),
        client,
        new BuildNotifier.Settings(
            mode,
            Duration.ofDays(36_500),
            null,
            new ServerLinks(URI.create("http://nightwatch.test"))),
        Clock.systemUTC());
  }

  private static BuildRecord build(
      String builder, int number, String log, BuildResult result, List<Change> changes) {
    BuildRecord r = TestStore.build(builder, number, log, TestStore.T0.plusSeconds(3600L * number));
    return new BuildRecord(
        r.sourceName(),
        r.sourceKind(),
        r.sourceUrl(),
        r.builderName(),
        r.builderExternalId(),
        r.number(),
        r.externalId(),
        r.revision(),
        r.branch(),
        r.repository(),
        result,
        r.stateString(),
        r.reason(),
        r.startedAt(),
        r.finishedAt(),
        "http://buildbot.example/#builders/1/builds/" + number,
        r.workerName(),
        changes,
        r.steps());
  }

  private static Change commit(String sha, String message) {
    return new Change(
        sha,
        "A Dev <dev@example.org>",
        message,
        REPO,
        "main",
        Instant.parse("2026-11-01T09:00:00Z"));
  }

  private long ingest(BuildRecord r) throws IOException {
    return store.store.ingest().ingest(r).buildId();
  }

  private List<Notification> decisions(long buildId) {
    return store.database.jdbi().withExtension(NotificationDao.class, d -> d.listByBuild(buildId));
  }

  /** A builder that was green, then failed with one new commit naming its PR. */
  private long breakBuilder(String builder) throws IOException {
    ingest(
        build(
            builder, 1, GREEN, BuildResult.SUCCESS, List.of(commit("0000000000aaaa", "Old (#1)"))));
    return ingest(
        build(
            builder,
            2,
            TestStore.ftpLog("'220 welcome'", "'220 hello'"),
            BuildResult.FAILURE,
            List.of(commit(SHA, "gh-4000: Speed up ftplib (#4242)"))));
  }

  @Test
  void aNewFailureAfterAGreenBuildGetsOneCommentThatTheNextBuilderUpdates() throws Exception {
    BuildNotifier notifier = notifier(BuildNotifier.Mode.POST, true);
    long first = breakBuilder("AMD64 Ubuntu 3.x");
    assertThat(notifier.drain().decided()).isEqualTo(1);

    assertThat(decisions(first))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.decision()).isEqualTo(NotificationDecision.POSTED);
              assertThat(n.prNumber()).isEqualTo(4242);
              assertThat(n.reason())
                  .contains("after a green build")
                  .contains("named in the commit message");
              assertThat(n.commentUrl()).contains("issuecomment-");
            });
    assertThat(github.requests("POST")).hasSize(1);
    List<String> bodies = github.commentBodies(REPO, 4242);
    assertThat(bodies)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b)
                  .startsWith(CommentRenderer.MARKER)
                  .contains("AMD64 Ubuntu 3\\.x")
                  .contains("test_ftplib");
              assertThat(b).contains("http://nightwatch.test/builds/" + first);
            });

    long second = breakBuilder("x86 Gentoo 3.x");
    notifier.drain();

    assertThat(decisions(second))
        .singleElement()
        .satisfies(n -> assertThat(n.decision()).isEqualTo(NotificationDecision.UPDATED));
    assertThat(github.requests("POST")).hasSize(1);
    assertThat(github.requests("PATCH")).hasSize(1);
    assertThat(github.commentBodies(REPO, 4242))
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b)
                  .contains("2 builders failed")
                  .contains("AMD64 Ubuntu 3\\.x")
                  .contains("x86 Gentoo 3\\.x");
              // The second builder's failure is the first one's cluster: known, with where it was
              // seen.
              assertThat(b).contains("known: seen 1 time since");
            });
    assertThat(store.database.jdbi().withExtension(NotifyQueueDao.class, NotifyQueueDao::count))
        .isZero();
  }

  @Test
  void reIngestingTheSameBuildDecidesNothingAgain() throws Exception {
    BuildNotifier notifier = notifier(BuildNotifier.Mode.POST, true);
    breakBuilder("AMD64 Ubuntu 3.x");
    notifier.drain();
    long again = breakBuilder("AMD64 Ubuntu 3.x");
    notifier.drain();
    assertThat(decisions(again)).hasSize(1);
    assertThat(github.requests("POST")).hasSize(1);
    assertThat(github.requests("PATCH")).isEmpty();
  }

  @Test
  void aFailureAlreadyThereOrWithoutAPrStaysSilentSayingWhy() throws Exception {
    BuildNotifier notifier = notifier(BuildNotifier.Mode.POST, true);
    String log = TestStore.ftpLog("'1'", "'2'");
    long first = ingest(build("ARM64 3.x", 1, log, BuildResult.FAILURE, List.of()));
    long second = ingest(build("ARM64 3.x", 2, log, BuildResult.FAILURE, List.of()));
    notifier.drain();

    // The first build names only its revision: GitHub is asked for its PR and knows none.
    assertThat(decisions(first))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.decision()).isEqualTo(NotificationDecision.SKIPPED_NO_PR);
              assertThat(n.reason()).contains("GitHub knows none");
            });
    assertThat(decisions(second))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.decision()).isEqualTo(NotificationDecision.SKIPPED_BROKEN_BEFORE);
              assertThat(n.reason()).contains("previous build");
            });
    assertThat(github.requests("POST")).isEmpty();
    assertThat(github.requests("PATCH")).isEmpty();
  }

  @Test
  void aPrFoundOnlyByGitHubIsCommentedOn() throws Exception {
    github.mergedPull(REPO, SHA, 5151);
    ingest(build("B", 1, GREEN, BuildResult.SUCCESS, List.of()));
    ingest(
        build(
            "B",
            2,
            TestStore.ftpLog("'x'", "'y'"),
            BuildResult.FAILURE,
            List.of(commit(SHA, "Speed up ftplib"))));
    notifier(BuildNotifier.Mode.POST, true).drain();
    assertThat(github.commentBodies(REPO, 5151)).hasSize(1);
  }

  @Test
  void severalNewCommitsAreSuspectsButNoCommentIsPosted() throws Exception {
    ingest(build("C", 1, GREEN, BuildResult.SUCCESS, List.of()));
    long id =
        ingest(
            build(
                "C",
                2,
                TestStore.ftpLog("'x'", "'y'"),
                BuildResult.FAILURE,
                List.of(commit(SHA, "one (#1)"), commit("bbbbbbbbbbbb", "two (#2)"))));
    notifier(BuildNotifier.Mode.POST, true).drain();
    assertThat(decisions(id))
        .singleElement()
        .satisfies(
            n -> assertThat(n.decision()).isEqualTo(NotificationDecision.SKIPPED_SEVERAL_COMMITS));
    assertThat(github.requests()).isEmpty();
  }

  @Test
  void afterACrashBetweenPostingAndRecordingTheCommentIsEditedNotRepeated() throws Exception {
    long id = breakBuilder("AMD64 Ubuntu 3.x");
    // The comment went out, then the process died before recording it: the build is still queued.
    github.addComment(REPO, 4242, CommentRenderer.MARKER + "\nthe comment from before the crash");
    notifier(BuildNotifier.Mode.POST, true).drain();
    assertThat(github.requests("POST")).isEmpty();
    assertThat(github.commentBodies(REPO, 4242))
        .singleElement()
        .satisfies(b -> assertThat(b).contains("test_ftplib"));
    assertThat(decisions(id))
        .singleElement()
        .satisfies(n -> assertThat(n.decision()).isEqualTo(NotificationDecision.UPDATED));
  }

  @Test
  void aRateLimitKeepsTheBuildQueuedForTheNextRound() throws Exception {
    BuildNotifier notifier = notifier(BuildNotifier.Mode.POST, true);
    long id = breakBuilder("AMD64 Ubuntu 3.x");
    long reset = Instant.now().getEpochSecond() + 3600;
    github.failNext(
        FakeGitHub.Fault.status(
            403,
            Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
            "{}"));
    assertThatThrownBy(notifier::drain)
        .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.rateLimited()).isTrue());
    assertThat(decisions(id)).isEmpty();

    notifier.drain();
    assertThat(decisions(id))
        .singleElement()
        .satisfies(n -> assertThat(n.decision()).isEqualTo(NotificationDecision.POSTED));
    assertThat(github.commentBodies(REPO, 4242)).hasSize(1);
  }

  @Test
  void aDryRunStoresTheCommentItWouldPostAndAsksGitHubNothing() throws Exception {
    long id = breakBuilder("AMD64 Ubuntu 3.x");
    notifier(BuildNotifier.Mode.DRY_RUN, false).drain();
    assertThat(decisions(id))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.decision()).isEqualTo(NotificationDecision.DRY_RUN);
              assertThat(n.commentBody())
                  .startsWith(CommentRenderer.MARKER)
                  .contains("test_ftplib");
              assertThat(n.commentUrl()).isNull();
            });
    PrComment draft =
        store
            .database
            .jdbi()
            .withExtension(PrCommentDao.class, d -> d.find(REPO, 4242))
            .orElseThrow();
    assertThat(draft.dryRun()).isTrue();
    assertThat(github.requests()).isEmpty();
  }

  @Test
  void aBuildWaitsUntilItsFailuresAreClustered() throws Exception {
    store
        .withoutIndex()
        .ingest()
        .ingest(build("D", 1, TestStore.ftpLog("'x'", "'y'"), BuildResult.FAILURE, List.of()));
    BuildNotifier.Round round = notifier(BuildNotifier.Mode.DRY_RUN, false).drain();
    assertThat(round.waiting()).isEqualTo(1);
    assertThat(round.decided()).isZero();
    store.indexer.drain();
    assertThat(notifier(BuildNotifier.Mode.DRY_RUN, false).drain().decided()).isEqualTo(1);
  }

  @Test
  void theServiceWaitsOutARateLimitBeforeAskingGitHubAgain() throws Exception {
    breakBuilder("AMD64 Ubuntu 3.x");
    Instant now = Instant.now();
    Instant[] clock = {now};
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return clock[0];
          }
        };
    var service =
        new dev.nightwatch.web.managed.NotifyService(
            notifier(BuildNotifier.Mode.POST, true), 1000, moving);
    long reset = now.getEpochSecond() + 600;
    github.failNext(
        FakeGitHub.Fault.status(
            429,
            Map.of("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)),
            "{}"));

    service.pollOnce();
    assertThat(service.isHealthy()).isFalse();
    assertThat(service.state()).contains("rate limited").contains("next try at");
    int asked = github.requests().size();

    clock[0] = now.plusSeconds(300);
    service.pollOnce();
    assertThat(github.requests()).hasSize(asked);

    clock[0] = now.plusSeconds(700);
    service.pollOnce();
    assertThat(service.isHealthy()).isTrue();
    assertThat(github.commentBodies(REPO, 4242)).hasSize(1);
  }
}
