package dev.nightwatch.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.TestVerdict;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.TestStatus;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code analyze [--json] [--format auto|prefixed|plain] FILE...}: prints what the analyzer reads
 * in each log — verdict, failures, test outcomes — without storing anything.
 */
public final class AnalyzeCommand extends Command {
  private final PrintStream out;
  private final PrintStream err;
  private final ObjectMapper json;

  public AnalyzeCommand(ObjectMapper json) {
    this(json, System.out, System.err);
  }

  /** A command that prints to the given streams instead of the process's. */
  public AnalyzeCommand(ObjectMapper json, PrintStream out, PrintStream err) {
    super("analyze", "Print the analysis of buildbot log files (nothing is stored)");
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    this.out = out;
    this.err = err;
  }

  @Override
  public void configure(Subparser subparser) {
    subparser
        .addArgument("--json")
        .action(Arguments.storeTrue())
        .help("print JSON instead of text");
    subparser
        .addArgument("--format")
        .choices("auto", "prefixed", "plain")
        .setDefault("auto")
        .help("prefixed: Buildbot's /contents form (o/e/h before every line); default: detect");
    subparser.addArgument("files").metavar("FILE").nargs("+").help("log files");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    LogFormat format =
        LogFormat.valueOf(namespace.getString("format").toUpperCase(java.util.Locale.ROOT));
    Map<String, LogAnalysis> analyses = new LinkedHashMap<>();
    int unreadable = 0;
    for (String name : namespace.<String>getList("files")) {
      Path file = Path.of(name);
      try (InputStream in = Files.newInputStream(file)) {
        analyses.put(name, new LogAnalyzer().analyze(in, format));
      } catch (IOException e) {
        err.println(name + ": cannot be read: " + e.getMessage());
        unreadable++;
      }
    }
    if (namespace.getBoolean("json")) {
      out.println(
          json.writeValueAsString(
              analyses.size() == 1 && unreadable == 0
                  ? analyses.values().iterator().next()
                  : analyses));
    } else {
      analyses.forEach((name, analysis) -> printText(name, analysis));
    }
    if (unreadable > 0) {
      throw new CommandFailedException(unreadable + " file(s) could not be read");
    }
  }

  private void printText(String name, LogAnalysis a) {
    out.println("== " + name + " (" + a.lines() + " lines)");
    out.println(
        "verdict:  "
            + a.verdict().status()
            + (a.verdict().kind() == null ? "" : " " + a.verdict().kind())
            + " — "
            + a.verdict().reason());
    if (a.verdict().keyLine() != null) {
      out.println("key line: " + a.verdict().lineNumber() + ": " + a.verdict().keyLine().strip());
    }
    for (FailureFinding f : a.failures()) {
      out.println();
      out.println(
          "failure:  "
              + f.kind()
              + (f.flaky() ? " (flaky: passed on re-run)" : "")
              + (f.testName() != null
                  ? " in " + f.testName()
                  : f.testFile() != null ? " in " + f.testFile() : ""));
      out.println(
          "  rule " + f.rule() + ", line " + f.lineNumber() + ", fingerprint " + Fingerprint.of(f));
      f.excerpt().lines().forEach(l -> out.println("  | " + l));
    }
    Map<TestStatus, List<String>> byStatus =
        a.tests().stream()
            .collect(
                Collectors.groupingBy(
                    TestVerdict::status,
                    LinkedHashMap::new,
                    Collectors.mapping(TestVerdict::testFile, Collectors.toList())));
    if (!byStatus.isEmpty()) {
      out.println();
      byStatus.forEach(
          (status, tests) ->
              out.println(
                  "tests "
                      + status.name().toLowerCase(java.util.Locale.ROOT)
                      + " ("
                      + tests.size()
                      + "): "
                      + (status == TestStatus.PASSED && tests.size() > 8
                          ? String.join(" ", tests.subList(0, 8)) + " …"
                          : String.join(" ", tests))));
    }
    out.println();
  }

  @Override
  public void onError(Cli cli, Namespace namespace, Throwable e) {
    CommandErrors.print(cli, e);
  }
}
