package dev.nightwatch.web.cli;

import dev.nightwatch.collector.mail.MailSource;
import dev.nightwatch.collector.mail.PipermailArchive;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.FailureIndexer;
import dev.nightwatch.web.ingest.MailIngest;
import dev.nightwatch.web.ingest.Store;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-mail [PATH...] [--archive URL]}: reads Buildbot failure mail from {@code .eml}
 * files, mbox files (Mailman's monthly archives too, gzipped or not), Maildir directories and
 * Mailman (pipermail) archives; every message is kept, the builds it reports stored. Shows progress
 * (messages, rate, time left) on long imports.
 */
public final class ImportMailCommand extends NightwatchCommand {
  private final PrintStream out;
  private final Clock clock;

  public ImportMailCommand() {
    this(System.out, Clock.systemUTC());
  }

  public ImportMailCommand(PrintStream out, Clock clock) {
    super("import-mail", "Import Buildbot failure mail: .eml files, mbox files, Maildirs", true);
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("paths").metavar("PATH").nargs("*").help("mail files or directories");
    subparser
        .addArgument("--archive")
        .metavar("URL")
        .action(net.sourceforge.argparse4j.impl.Arguments.append())
        .help("a Mailman (pipermail) archive to backfill from, by URL or a directory copy of it");
    subparser
        .addArgument("--html")
        .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
        .help("read the archive's HTML pages even where it has monthly mbox files");
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    List<Path> paths = namespace.<String>getList("paths").stream().map(Path::of).toList();
    List<String> archives =
        namespace.getList("archive") == null ? List.of() : namespace.getList("archive");
    if (paths.isEmpty() && archives.isEmpty()) {
      throw new CommandFailedException("give mail files or directories, or --archive URL");
    }
    for (Path p : paths) {
      if (!java.nio.file.Files.exists(p)) {
        throw new CommandFailedException(p + ": no such file or directory");
      }
    }
    Database database = configuration.getStore().build();
    FailureIndexer indexer = ImportLogsCommand.openIndex(configuration, database, out);
    try {
      Store store =
          indexer == null ? Store.over(database, clock) : Store.over(database, clock, indexer);
      MailIngest mail =
          new MailIngest(database.jdbi(), store.ingest(), configuration.getBuildbot(), clock);
      Map<MailIngest.Outcome, Integer> counts = new EnumMap<>(MailIngest.Outcome.class);
      MailSource.Sink sink =
          (message, done, total) -> {
            MailIngest.Result r = mail.accept(message.origin(), message.bytes());
            counts.merge(r.outcome(), 1, Integer::sum);
            if (r.outcome() == MailIngest.Outcome.FAILED) {
              out.printf("failed     %s: %s%n", message.origin(), r.message());
            }
          };
      if (!paths.isEmpty()) {
        Progress progress = new Progress(out, clock, "MB", 20);
        MailSource.read(
            paths,
            (m, done, total) -> {
              sink.accept(m, done, total);
              progress.tick(done, total);
            });
      }
      PipermailArchive pipermail =
          new PipermailArchive(HttpClient.newHttpClient(), Duration.ofSeconds(60));
      for (String archive : archives) {
        URI where =
            archive.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")
                ? URI.create(archive)
                : Path.of(archive).toAbsolutePath().toUri();
        Progress progress = new Progress(out, clock, "months", 0);
        try {
          pipermail.read(
              where,
              namespace.getBoolean("html")
                  ? PipermailArchive.Mode.HTML
                  : PipermailArchive.Mode.AUTO,
              (m, done, total) -> {
                sink.accept(m, done, total);
                progress.tick(done, total);
              });
        } catch (IOException e) {
          throw new CommandFailedException(
              "archive %s: %s (what was read before is stored; importing again is harmless)"
                  .formatted(archive, e.getMessage()));
        }
      }
      out.printf(
          "%d messages: %d stored, %d already kept, %d not Buildbot's, %d could not be parsed"
              + " (kept; see /mail)%n",
          counts.values().stream().mapToInt(Integer::intValue).sum(),
          counts.getOrDefault(MailIngest.Outcome.STORED, 0),
          counts.getOrDefault(MailIngest.Outcome.DUPLICATE, 0),
          counts.getOrDefault(MailIngest.Outcome.IGNORED, 0),
          counts.getOrDefault(MailIngest.Outcome.FAILED, 0));
    } finally {
      if (indexer != null) {
        indexer.close();
      }
    }
  }

  /**
   * A progress line every two seconds: messages, rate, how far through the input (in {@code unit},
   * the raw amount shifted right by {@code shift}: bytes to MB) and the time left at that rate.
   */
  static final class Progress {
    private final PrintStream out;
    private final Clock clock;
    private final String unit;
    private final int shift;
    private final long start;
    private long last;
    private long messages;

    Progress(PrintStream out, Clock clock, String unit, int shift) {
      this.out = out;
      this.clock = clock;
      this.unit = unit;
      this.shift = shift;
      this.start = clock.millis();
      this.last = start;
    }

    void tick(long done, long total) {
      messages++;
      long now = clock.millis();
      if (now - last < 2000) {
        return;
      }
      last = now;
      double seconds = Math.max(0.001, (now - start) / 1000.0);
      long left = done <= 0 ? 0 : (long) (seconds * (total - done) / done);
      out.printf(
          "… %d messages, %.0f/s, %d of %d %s, about %s left%n",
          messages,
          messages / seconds,
          done >> shift,
          total >> shift,
          unit,
          format(Duration.ofSeconds(left)));
    }

    static String format(Duration d) {
      return d.toMinutes() > 0
          ? "%d min %d s".formatted(d.toMinutes(), d.toSecondsPart())
          : d.toSeconds() + " s";
    }
  }
}
