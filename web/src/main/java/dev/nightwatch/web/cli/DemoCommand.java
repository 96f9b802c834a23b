package dev.nightwatch.web.cli;

import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ServerUrls;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code demo [config.yml]}: starts Nightwatch on a fresh data directory ({@code DATA_DIR/demo})
 * loaded with the bundled demo logs and generated test history, and prints the URL to open.
 */
public final class DemoCommand extends ServerCommand<NightwatchConfiguration> {
  static final String INDEX = "/demo/index.txt";

  /** Generated builds per demo builder. */
  static final int HISTORY_BUILDS = 60;

  private final PrintStream out = System.out;

  public DemoCommand(Application<NightwatchConfiguration> application) {
    super(application, "demo", "Start Nightwatch on fresh demo data and print its URL");
  }

  @Override
  protected void run(
      Bootstrap<NightwatchConfiguration> bootstrap,
      Namespace namespace,
      NightwatchConfiguration configuration)
      throws Exception {
    Path demoDir = configuration.getStore().getDataDir().resolve("demo");
    reset(demoDir);
    configuration.getStore().setDataDir(demoDir);
    // The demo's builds are of any age: the notifier (a dry run) decides about every one of them.
    configuration.getNotifier().setMaxAge(io.dropwizard.util.Duration.days(365_000));
    Path logs = extractDemoLogs(demoDir);
    // Weeks of generated regrtest runs (master "generated.demo") give the flakiness pages history.
    new DemoHistory(Instant.now()).write(logs.resolve("generated-history"), HISTORY_BUILDS);
    Database database = configuration.getStore().build();
    var report =
        ImportLogsCommand.importLogs(configuration, database, List.of(logs), out, System.err);
    if (report.failures() > 0) {
      throw new CommandFailedException("the bundled demo logs did not all import");
    }
    super.run(bootstrap, namespace, configuration);
  }

  @Override
  protected void run(Environment environment, Namespace namespace, NightwatchConfiguration config)
      throws Exception {
    environment
        .lifecycle()
        .addServerLifecycleListener(
            server ->
                out.printf(
                    "%nNightwatch demo is serving at %s  (Ctrl-C stops it)%n%n",
                    ServerUrls.application(server)));
    super.run(environment, namespace, config);
  }

  /** Empties the demo directory, refusing to touch one that Nightwatch did not make. */
  static void reset(Path demoDir) throws IOException, CommandFailedException {
    if (!Files.exists(demoDir)) {
      return;
    }
    boolean ours =
        Files.exists(demoDir.resolve(Database.FILE_NAME)) || Files.exists(demoDir.resolve("logs"));
    try (Stream<Path> entries = Files.list(demoDir)) {
      if (!ours && entries.findAny().isPresent()) {
        throw new CommandFailedException(
            demoDir + " exists and is not a Nightwatch demo directory; move it away first");
      }
    }
    try (Stream<Path> walk = Files.walk(demoDir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Copies the demo logs and their sidecars out of the jar; returns the directory holding them. */
  public static Path extractDemoLogs(Path demoDir) throws IOException {
    List<String> entries;
    try (InputStream index = DemoCommand.class.getResourceAsStream(INDEX)) {
      if (index == null) {
        throw new IOException("the demo logs are missing from the jar (" + INDEX + ")");
      }
      entries =
          new String(index.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
    }
    for (String entry : entries) {
      Path target = demoDir.resolve(entry).normalize();
      if (!target.startsWith(demoDir)) {
        throw new IOException("bad demo index entry: " + entry);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + entry)) {
        if (in == null) {
          throw new IOException("demo file missing from the jar: " + entry);
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return demoDir.resolve("logs");
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.print(cli, e);
  }
}
