package dev.nightwatch.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.store.Database;
import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.ingest.LogImport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
  @TempDir Path dir;

  @Test
  void everyBundledDemoLogImports() throws Exception {
    Path demo = dir.resolve("demo");
    Path logs = DemoCommand.extractDemoLogs(demo);
    NightwatchConfiguration configuration = new NightwatchConfiguration();
    configuration.getStore().setDataDir(demo);
    Database database = configuration.getStore().build();

    LogImport.Report report =
        ImportLogsCommand.importLogs(
            configuration,
            database,
            List.of(logs),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()));

    assertThat(report.failures()).isZero();
    assertThat(report.files()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(database.jdbi().onDemand(BuildDao.class).newest(100))
        .extracting(b -> b.result())
        .contains(
            BuildResult.SUCCESS, BuildResult.WARNINGS, BuildResult.FAILURE, BuildResult.CANCELLED);
  }

  @Test
  void resetEmptiesAPreviousDemoButRefusesAForeignDirectory() throws Exception {
    Path demo = dir.resolve("demo");
    DemoCommand.extractDemoLogs(demo);
    DemoCommand.reset(demo);
    assertThat(demo).doesNotExist();

    Path foreign = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(foreign.resolve("thesis.tex"), "precious");
    assertThatThrownBy(() -> DemoCommand.reset(foreign))
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("not a Nightwatch demo directory");
    assertThat(foreign.resolve("thesis.tex")).exists();
  }
}
