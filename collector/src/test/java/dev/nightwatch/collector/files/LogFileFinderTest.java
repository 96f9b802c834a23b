package dev.nightwatch.collector.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileFinderTest {
  @TempDir Path dir;

  @Test
  void aDirectoryStandsForItsLogsInNameOrderWithoutSidecarsOrHiddenFiles() throws Exception {
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b/2.log"), "x");
    Files.writeString(dir.resolve("b/2.log.json"), "{}");
    Files.writeString(dir.resolve("a.txt"), "x");
    Files.writeString(dir.resolve(".hidden"), "x");
    Files.writeString(dir.resolve("manifest.json"), "{}");

    List<LogFileFinder.Found> found = LogFileFinder.expand(List.of(dir));

    assertThat(found)
        .extracting(LogFileFinder.Found::path)
        .containsExactly(dir.resolve("a.txt"), dir.resolve("b/2.log"));
  }

  @Test
  void aFileOrMissingPathStandsForItself() {
    Path missing = dir.resolve("missing.log");

    assertThat(LogFileFinder.expand(List.of(missing)))
        .containsExactly(new LogFileFinder.Found(missing, null));
  }
}
