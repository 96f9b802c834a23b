package dev.nightwatch.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.collector.mail.MailSource;
import dev.nightwatch.schema.dao.RawMailDao;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.BuildbotFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure mail into a real store: kept once, parsed, merged with the REST API's build. */
class MailIngestTest {
  @TempDir Path dir;
  private Database database;
  private Store store;
  private MailIngest mail;

  @BeforeEach
  void setUp() throws Exception {
    database = Database.open(dir.resolve("data"), Duration.ofSeconds(10));
    database.migrate();
    store = Store.over(database, Clock.systemUTC());
    BuildbotFactory masters =
        new ObjectMapper()
            .readValue(
                "{\"masters\": [{\"name\": \"lab\", \"url\": \"http://127.0.0.1:8010/\"}]}",
                BuildbotFactory.class);
    mail = new MailIngest(database.jdbi(), store.ingest(), masters, Clock.systemUTC());
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = MailIngestTest.class.getResourceAsStream("/mail/" + name)) {
      return in.readAllBytes();
    }
  }

  private String one(String sql) {
    return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  private long count(String sql) {
    return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void aFailureMailIsKeptParsedStoredAndAnalysedOnce() throws Exception {
    MailIngest.Result first = mail.accept("file:a.eml", sample("test_failure_failure.eml"));
    MailIngest.Result again = mail.accept("imap:INBOX#4", sample("test_failure_failure.eml"));

    assertThat(first.outcome()).isEqualTo(MailIngest.Outcome.STORED);
    assertThat(first.message()).isEqualTo("x86 Gentoo Non-Debug with X 3.x #3");
    assertThat(again.outcome()).isEqualTo(MailIngest.Outcome.DUPLICATE);
    assertThat(count("SELECT COUNT(*) FROM raw_mail")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
    assertThat(
            one(
                "SELECT s.name || '|' || r.name || '|' || b.number || '|' || b.origin || '|'"
                    + " || b.result || '|' || w.name FROM builds b JOIN builders r ON"
                    + " r.id = b.builder_id JOIN sources s ON s.id = r.source_id"
                    + " JOIN workers w ON w.id = b.worker_id"))
        .isEqualTo("lab|x86 Gentoo Non-Debug with X 3.x|3|MAIL|FAILURE|lab-linux-amd64");
    assertThat(one("SELECT status || '|' || kind FROM build_verdicts"))
        .isEqualTo("FAILURE|TEST_FAILURE");
    assertThat(one("SELECT test_file FROM failures ORDER BY ordinal LIMIT 1"))
        .isEqualTo("test_textkit");
    assertThat(one("SELECT status FROM raw_mail")).isEqualTo("PARSED");
    byte[] kept =
        database
            .jdbi()
            .withHandle(h -> h.attach(RawMailDao.class).content(first.mailId()))
            .orElseThrow();
    try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(kept))) {
      assertThat(in.readAllBytes()).isEqualTo(sample("test_failure_failure.eml"));
    }
  }

  @Test
  void aBuildsetMailStoresEachBuild() throws Exception {
    MailIngest.Result r = mail.accept("file:b.eml", sample("buildset_mode_1.eml"));

    assertThat(r.outcome()).isEqualTo(MailIngest.Outcome.STORED);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM build_verdicts WHERE kind = 'COMPILE_ERROR'"))
        .isEqualTo(1);
  }

  @Test
  void mailThatIsNotBuildbotsOrCannotBeParsedIsKeptWithWhy() throws Exception {
    MailIngest.Result other = mail.accept("file:c.eml", sample("not-buildbot.eml"));
    MailIngest.Result broken = mail.accept("file:d.eml", sample("buildbot-no-link.eml"));
    MailIngest.Result garbage =
        mail.accept(
            "file:e.eml", "\u0000\u0001 not a mail at all".getBytes(StandardCharsets.UTF_8));

    assertThat(other.outcome()).isEqualTo(MailIngest.Outcome.IGNORED);
    assertThat(other.message()).contains("not a Buildbot mail");
    assertThat(broken.outcome()).isEqualTo(MailIngest.Outcome.FAILED);
    assertThat(garbage.outcome()).isIn(MailIngest.Outcome.FAILED, MailIngest.Outcome.IGNORED);
    var failed =
        database
            .jdbi()
            .withHandle(h -> h.attach(RawMailDao.class).byStatus(ParseStatus.FAILED, 10, 0));
    assertThat(failed).anySatisfy(m -> assertThat(m.error()).contains("without a build link"));
    assertThat(count("SELECT COUNT(*) FROM raw_mail")).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM builds")).isZero();
  }

  private BuildRecord rest(String worker, String state) {
    byte[] log = "make\nprogram finished with exit code 0\n".getBytes(StandardCharsets.UTF_8);
    return new BuildRecord(
        "lab",
        SourceKind.BUILDBOT,
        "http://127.0.0.1:8010/",
        "x86 Gentoo Non-Debug with X 3.x",
        1L,
        3,
        42L,
        "abc123",
        "main",
        null,
        BuildResult.FAILURE,
        state,
        null,
        Instant.parse("2026-11-25T09:50:00Z"),
        Instant.parse("2026-11-25T09:53:00Z"),
        "http://127.0.0.1:8010/#builders/1/builds/3",
        worker,
        List.of(),
        List.of(
            new StepRecord(
                5,
                "test",
                BuildResult.FAILURE,
                "test",
                null,
                null,
                List.of(new LogRecord("stdio", () -> new ByteArrayInputStream(log))))));
  }

  @Test
  void mailAfterTheRestApiOnlyFillsInWhatIsMissing() throws Exception {
    long id = store.ingest().ingest(rest("rest-worker", "failed test (failure)")).buildId();
    String verdictBefore = one("SELECT reason FROM build_verdicts");

    MailIngest.Result r = mail.accept("file:a.eml", sample("test_failure_failure.eml"));

    assertThat(r.buildId()).isEqualTo(id);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
    assertThat(one("SELECT w.name FROM builds b JOIN workers w ON w.id = b.worker_id"))
        .isEqualTo("rest-worker");
    assertThat(one("SELECT finished_at FROM builds"))
        .isEqualTo(Long.toString(Instant.parse("2026-11-25T09:53:00Z").toEpochMilli()));
    assertThat(count("SELECT COUNT(*) FROM steps WHERE name = 'mail'")).isZero();
    assertThat(one("SELECT reason FROM build_verdicts")).isEqualTo(verdictBefore);
  }

  @Test
  void aMailThatNamesTheBuilderOtherwiseMeetsItsBuildByTheLink() throws Exception {
    BuildRecord renamed = rest("rest-worker", "failed test (failure)");
    renamed =
        new BuildRecord(
            renamed.sourceName(),
            renamed.sourceKind(),
            renamed.sourceUrl(),
            "x86 Gentoo (renamed)",
            renamed.builderExternalId(),
            renamed.number(),
            renamed.externalId(),
            renamed.revision(),
            renamed.branch(),
            renamed.repository(),
            renamed.result(),
            renamed.stateString(),
            renamed.reason(),
            renamed.startedAt(),
            renamed.finishedAt(),
            renamed.url(),
            renamed.workerName(),
            renamed.changes(),
            renamed.steps());
    long id = store.ingest().ingest(renamed).buildId();

    MailIngest.Result r = mail.accept("file:a.eml", sample("test_failure_failure.eml"));

    assertThat(r.buildId()).isEqualTo(id);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
  }

  @Test
  void theRestApiAfterMailCompletesTheSameBuild() throws Exception {
    long fromMail = mail.accept("file:a.eml", sample("test_failure_failure.eml")).buildId();

    long fromRest = store.ingest().ingest(rest("rest-worker", "failed test (failure)")).buildId();

    assertThat(fromRest).isEqualTo(fromMail);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(1);
    assertThat(one("SELECT external_id FROM builds")).isEqualTo("42");
    assertThat(count("SELECT COUNT(*) FROM steps")).isEqualTo(2);
  }

  @Test
  void mboxAndMaildirAreReadMessageByMessage() throws Exception {
    Path mbox = dir.resolve("2026-November.txt");
    StringBuilder text = new StringBuilder();
    for (String name : List.of("test_failure_failure.eml", "compile_error_failure.eml")) {
      text.append("From buildbot@lab.test  Wed Nov 25 09:53:34 2026\n")
          .append(new String(sample(name), StandardCharsets.UTF_8).replace("\r\n", "\n"))
          .append("\n>From the archive: quoted as mboxrd does\n\n");
    }
    Files.writeString(mbox, text);
    Path maildir = dir.resolve("Maildir");
    Files.createDirectories(maildir.resolve("new"));
    Files.createDirectories(maildir.resolve("cur"));
    Files.createDirectories(maildir.resolve("tmp"));
    Files.write(maildir.resolve("new/1700000000.1.host"), sample("buildset_mode_1.eml"));
    Files.write(maildir.resolve("tmp/1700000001.2.host"), sample("not-buildbot.eml"));
    List<String> origins = new ArrayList<>();
    List<MailIngest.Outcome> outcomes = new ArrayList<>();

    MailSource.read(
        List.of(mbox, maildir),
        (m, done, total) -> {
          origins.add(m.origin());
          outcomes.add(mail.accept(m.origin(), m.bytes()).outcome());
        });

    assertThat(origins).hasSize(3); // Maildir's tmp/ holds mail still being delivered
    assertThat(origins.get(0)).endsWith("2026-November.txt#1");
    assertThat(outcomes).containsOnly(MailIngest.Outcome.STORED);
    assertThat(count("SELECT COUNT(*) FROM builds")).isEqualTo(5);
    byte[] first =
        database.jdbi().withHandle(h -> h.attach(RawMailDao.class).content(1)).orElseThrow();
    try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(first))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\nFrom the archive: quoted as mboxrd does")
          .doesNotContain("From buildbot@lab.test  Wed");
    }
  }
}
