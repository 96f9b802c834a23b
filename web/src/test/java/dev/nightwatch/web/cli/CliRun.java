package dev.nightwatch.web.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.web.NightwatchApplication;
import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Runs Nightwatch's commands through Dropwizard's real CLI, keeping what they print. */
final class CliRun {
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  /** Runs one command line; the error it ended with, if any. */
  Optional<Throwable> run(String... args) throws Exception {
    stdout.reset();
    stderr.reset();
    PrintStream out = new PrintStream(stdout, true, UTF_8);
    PrintStream err = new PrintStream(stderr, true, UTF_8);
    Bootstrap<NightwatchConfiguration> bootstrap = new Bootstrap<>(new NightwatchApplication());
    bootstrap.addCommand(new ImportLogsCommand(out, err));
    bootstrap.addCommand(new ReindexCommand(out));
    bootstrap.addCommand(new RebuildHistoryCommand(out));
    return new Cli(new JarLocation(NightwatchApplication.class), bootstrap, out, err).run(args);
  }

  /** Writes a configuration keeping the data in {@code dir/data}; returns its path. */
  static Path writeConfig(Path dir) throws IOException {
    return Files.writeString(
        dir.resolve("config.yml"),
        "store:\n  dataDir: " + dir.resolve("data") + "\nlogging:\n  level: WARN\n");
  }

  String out() {
    return stdout.toString(UTF_8);
  }

  String err() {
    return stderr.toString(UTF_8);
  }
}
