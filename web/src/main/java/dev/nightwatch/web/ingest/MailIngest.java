package dev.nightwatch.web.ingest;

import dev.nightwatch.collector.mail.BuildbotMailParser;
import dev.nightwatch.collector.mail.MailBuild;
import dev.nightwatch.collector.mail.MailMessage;
import dev.nightwatch.collector.mail.MailParseException;
import dev.nightwatch.collector.mail.MailReader;
import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.RawMailDao;
import dev.nightwatch.schema.dao.SourceDao;
import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.RawMail;
import dev.nightwatch.schema.model.Source;
import dev.nightwatch.schema.store.LogDigest;
import dev.nightwatch.web.BuildbotFactory;
import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Takes failure mail in, from any source: keeps every message raw (gzipped, once: by Message-ID, or
 * by its bytes when it has none), parses it, and stores the builds it reports. A build already
 * stored from the master's REST API only gets what it lacks (mail never overwrites it); a build
 * first seen by mail is stored with the mail's text as the log of a {@code mail} step, analysed
 * like any log, and the REST API's build, when it comes, completes the same record. A message that
 * cannot be parsed is kept with its error; one that is not Buildbot's with the reason.
 */
public final class MailIngest {
  /** What became of one message. */
  public enum Outcome {
    STORED,
    DUPLICATE,
    IGNORED,
    FAILED
  }

  /** The outcome, the kept mail's id, the first build it stored and a line for a person. */
  public record Result(Outcome outcome, long mailId, Long buildId, String message) {}

  private final Jdbi jdbi;
  private final BuildIngest ingest;
  private final BuildbotFactory masters;
  private final Clock clock;
  private final MailReader reader = new MailReader();
  private final BuildbotMailParser parser = new BuildbotMailParser();

  public MailIngest(Jdbi jdbi, BuildIngest ingest, BuildbotFactory masters, Clock clock) {
    this.jdbi = jdbi;
    this.ingest = ingest;
    this.masters = masters;
    this.clock = clock;
  }

  /**
   * Takes one raw message; returns once everything it stored is committed. Storing the same message
   * again changes nothing (a message that failed before is tried again).
   */
  public Result accept(String origin, byte[] raw) throws IOException {
    String sha256 = LogDigest.of(() -> new ByteArrayInputStream(raw)).sha256();
    MailMessage mail;
    try {
      mail = reader.read(raw);
    } catch (MessagingException | IOException | RuntimeException e) {
      return keep(
          origin, raw, sha256, null, null, ParseStatus.FAILED, "unreadable mail: " + e, null);
    }
    Optional<RawMail> before =
        jdbi.withHandle(h -> h.attach(RawMailDao.class).findSame(mail.messageId(), sha256));
    if (before.isPresent() && before.get().status() != ParseStatus.FAILED) {
      return new Result(
          Outcome.DUPLICATE,
          before.get().id(),
          before.get().buildId(),
          "already kept as mail %d (%s)".formatted(before.get().id(), before.get().status()));
    }
    BuildbotMailParser.Parsed parsed;
    try {
      parsed = parser.parse(mail);
    } catch (MailParseException | RuntimeException e) {
      return keep(origin, raw, sha256, mail, before, ParseStatus.FAILED, e.getMessage(), null);
    }
    if (parsed instanceof BuildbotMailParser.Ignored ignored) {
      return keep(origin, raw, sha256, mail, before, ParseStatus.IGNORED, ignored.reason(), null);
    }
    List<MailBuild> builds = ((BuildbotMailParser.Builds) parsed).builds();
    Instant sent = mail.date() != null ? mail.date() : clock.instant();
    Long first = null;
    StringBuilder what = new StringBuilder();
    try {
      for (MailBuild b : builds) {
        long id = store(b.toRecord(sourceName(b.masterUrl()), sent));
        first = first == null ? id : first;
        what.append(what.isEmpty() ? "" : ", ")
            .append(b.builderName())
            .append(" #")
            .append(b.number());
      }
    } catch (IOException | JdbiException | IllegalArgumentException e) {
      return keep(
          origin,
          raw,
          sha256,
          mail,
          before,
          ParseStatus.FAILED,
          "not stored: " + e.getMessage(),
          first);
    }
    Result kept = keep(origin, raw, sha256, mail, before, ParseStatus.PARSED, null, first);
    return new Result(Outcome.STORED, kept.mailId(), first, what.toString());
  }

  /**
   * The build's id: filled in when the REST API stored it (found by master, builder and number, or
   * by the build's address when the mail names the builder otherwise), else stored from the mail.
   */
  private long store(BuildRecord record) throws IOException {
    Optional<Build> rest =
        jdbi.withHandle(
            h ->
                h.attach(BuildDao.class)
                    .findByName(record.sourceName(), record.builderName(), record.number())
                    .or(
                        () ->
                            record.url() == null
                                ? Optional.empty()
                                : h.attach(BuildDao.class).findByUrl(record.url()))
                    .filter(b -> b.externalId() != null));
    if (rest.isEmpty()) {
      return ingest.ingest(record).buildId();
    }
    long id = rest.get().id();
    jdbi.useTransaction(
        h -> {
          Long worker =
              record.workerName() == null
                  ? null
                  : h.attach(BuilderDao.class)
                      .upsertWorker(sourceId(h, record), record.workerName(), null);
          h.attach(BuildDao.class).fillMissing(id, worker, record);
        });
    return id;
  }

  private static long sourceId(Handle h, BuildRecord record) {
    return h.attach(SourceDao.class).findByName(record.sourceName()).map(Source::id).orElseThrow();
  }

  /**
   * The source a mail's master is stored under: the configured master with that address, else a
   * source already stored with it, else one named after the address (host and path).
   */
  String sourceName(String masterUrl) {
    for (BuildbotFactory.Master m : masters.getMasters()) {
      if (sameAddress(m.getUrl().toString(), masterUrl)) {
        return m.getName();
      }
    }
    Optional<Source> known = jdbi.withHandle(h -> h.attach(SourceDao.class).findByUrl(masterUrl));
    if (known.isPresent()) {
      return known.get().name();
    }
    URI uri = URI.create(masterUrl);
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return uri.getAuthority() + path;
  }

  private static boolean sameAddress(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String url) {
    return url.replaceFirst("^https?://", "").replaceAll("/+$", "");
  }

  private Result keep(
      String origin,
      byte[] raw,
      String sha256,
      MailMessage mail,
      Optional<RawMail> before,
      ParseStatus status,
      String error,
      Long buildId) {
    String subject = mail == null ? null : mail.subject();
    long id;
    if (before != null && before.isPresent()) {
      id = before.get().id();
      jdbi.useHandle(h -> h.attach(RawMailDao.class).update(id, status, error, buildId, subject));
    } else {
      RawMail row =
          new RawMail(
              0,
              mail == null ? null : mail.messageId(),
              sha256,
              origin,
              subject,
              mail == null ? null : mail.date(),
              status,
              error,
              buildId);
      id = jdbi.withHandle(h -> h.attach(RawMailDao.class).insert(row, gzip(raw), clock.instant()));
    }
    Outcome outcome =
        switch (status) {
          case PARSED -> Outcome.STORED;
          case IGNORED -> Outcome.IGNORED;
          case FAILED -> Outcome.FAILED;
        };
    return new Result(outcome, id, buildId, error == null ? "" : error);
  }

  private static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
