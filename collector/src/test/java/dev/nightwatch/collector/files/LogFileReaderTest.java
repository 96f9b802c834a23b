package dev.nightwatch.collector.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {
  @TempDir Path dir;
  private final LogFileReader reader = new LogFileReader(1 << 20);

  private Path sample(String name, String as) throws IOException {
    Path target = dir.resolve(as);
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/logs/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  @Nested
  class Sidecar {
    @Test
    void givesTheBuildsMetadata() throws Exception {
      Path log = sample("flaky_failure_test_stdio.raw.txt", "arm64.log");
      Files.writeString(
          dir.resolve("arm64.log.json"),
          """
          {"master": "buildbot.python.org", "builder": "ARM64 macOS 3.x", "number": 21,
           "buildid": 82, "revision": "7dcef99f", "branch": "main", "result": 2,
           "started": 1795600663, "finished": "2026-11-25T09:57:53Z", "worker": "mac-arm",
           "url": "http://buildbot.example/#/builders/2/builds/21", "step": "test"}
          """);

      BuildRecord build = reader.read(log);

      assertThat(build.sourceName()).isEqualTo("buildbot.python.org");
      assertThat(build.sourceKind()).isEqualTo(SourceKind.FILES);
      assertThat(build.builderName()).isEqualTo("ARM64 macOS 3.x");
      assertThat(build.number()).isEqualTo(21);
      assertThat(build.externalId()).isEqualTo(82L);
      assertThat(build.revision()).isEqualTo("7dcef99f");
      assertThat(build.result()).isEqualTo(BuildResult.FAILURE);
      assertThat(build.startedAt()).isEqualTo(Instant.ofEpochSecond(1795600663));
      assertThat(build.finishedAt()).isEqualTo(Instant.parse("2026-11-25T09:57:53Z"));
      assertThat(build.workerName()).isEqualTo("mac-arm");
      assertThat(build.steps())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.name()).isEqualTo("test");
                assertThat(s.logs())
                    .singleElement()
                    .satisfies(l -> assertThat(l.name()).isEqualTo("stdio"));
              });
    }

    @Test
    void namesTheCommitsTheBuildContains() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(
          dir.resolve("x.log.json"),
          """
          {"builder": "B", "repository": "https://github.com/python/cpython", "branch": "main",
           "changes": [{"revision": "abc123", "author": "A <a@example.org>",
                        "message": "gh-1: Fix (#2)"}]}
          """);

      BuildRecord build = reader.read(log);

      assertThat(build.changes())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.revision()).isEqualTo("abc123");
                assertThat(c.message()).isEqualTo("gh-1: Fix (#2)");
                assertThat(c.repository()).isEqualTo("https://github.com/python/cpython");
              });
    }

    @Test
    void aCommitWithoutARevisionIsRefused() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(dir.resolve("x.log.json"), "{\"changes\": [{\"message\": \"m\"}]}");

      assertThatThrownBy(() -> reader.read(log))
          .isInstanceOf(LogImportException.class)
          .hasMessageContaining("without a revision");
    }

    @Test
    void mayBeNamedAfterTheStem() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(dir.resolve("x.json"), "{\"builder\": \"B\", \"result\": \"warnings\"}");

      BuildRecord build = reader.read(log);

      assertThat(build.builderName()).isEqualTo("B");
      assertThat(build.result()).isEqualTo(BuildResult.WARNINGS);
    }

    @Test
    void withAnUnknownFieldIsRefusedNamingTheField() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(dir.resolve("x.log.json"), "{\"buidler\": \"typo\"}");

      assertThatThrownBy(() -> reader.read(log))
          .isInstanceOf(LogImportException.class)
          .hasMessageContaining("x.log.json")
          .hasMessageContaining("unknown field \"buidler\"")
          .hasMessageContaining("builder");
    }

    @Test
    void thatIsNotJsonIsRefusedNamingTheSidecar() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(dir.resolve("x.log.json"), "{builder: ");

      assertThatThrownBy(() -> reader.read(log))
          .isInstanceOf(LogImportException.class)
          .hasMessageStartingWith(dir.resolve("x.log.json") + ": sidecar is not valid");
    }

    @Test
    void withABadResultIsRefused() throws Exception {
      Path log = sample("success_test_stdio.raw.txt", "x.log");
      Files.writeString(dir.resolve("x.log.json"), "{\"result\": \"purple\"}");

      assertThatThrownBy(() -> reader.read(log)).hasMessageContaining("result \"purple\"");
    }
  }

  @Nested
  class DefaultsFromTheFile {
    @Test
    void builderDirectoryAndNumberedFile() throws Exception {
      BuildRecord build =
          reader.read(sample("success_test_stdio.raw.txt", "AMD64 Debian/1234.log"));

      assertThat(build.builderName()).isEqualTo("AMD64 Debian");
      assertThat(build.number()).isEqualTo(1234);
      assertThat(build.sourceName()).isEqualTo(LogFileReader.DEFAULT_SOURCE);
    }

    @Test
    void builderDashNumber() throws Exception {
      BuildRecord build =
          reader.read(sample("success_test_stdio.raw.txt", "AMD64 Debian 3.x-77.txt"));

      assertThat(build.builderName()).isEqualTo("AMD64 Debian 3.x");
      assertThat(build.number()).isEqualTo(77);
    }

    @Test
    void anyOtherNameIsBuildOneOfABuilderOfThatName() throws Exception {
      BuildRecord build =
          reader.read(sample("success_test_stdio.raw.txt", "gh109918_s390x_rhel7.log"));

      assertThat(build.builderName()).isEqualTo("gh109918_s390x_rhel7");
      assertThat(build.number()).isEqualTo(1);
    }

    @Test
    void resultFromBuildbotsExitCodeLine() throws Exception {
      assertThat(reader.read(sample("success_test_stdio.raw.txt", "ok.log")).result())
          .isEqualTo(BuildResult.SUCCESS);
      assertThat(reader.read(sample("flaky_failure_test_stdio.raw.txt", "bad.log")).result())
          .isEqualTo(BuildResult.FAILURE);
      // The /contents form carries a one-character stream prefix: "hprogram finished…".
      assertThat(reader.read(sample("flaky_failure_test_stdio.contents.txt", "c.log")).result())
          .isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void resultIsUnknownWithoutAnExitCodeLine() throws Exception {
      Path log = Files.writeString(dir.resolve("plain.log"), "just some text\n");

      assertThat(reader.read(log).result()).isEqualTo(BuildResult.UNKNOWN);
    }

    @Test
    void finishTimeFromTheModificationTime() throws Exception {
      Path log = Files.writeString(dir.resolve("plain.log"), "text\n");
      Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-01-02T03:04:05Z")));

      assertThat(reader.read(log).finishedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }
  }

  @Nested
  class BadInput {
    @Test
    void aBinaryFileIsRefused() throws Exception {
      Path file = Files.write(dir.resolve("core.log"), new byte[] {'E', 'L', 'F', 0, 1, 2});

      assertThatThrownBy(() -> reader.read(file))
          .isInstanceOf(LogImportException.class)
          .hasMessage(file + ": not a text log: binary data (a NUL byte at offset 3)");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
      Path file = Files.createFile(dir.resolve("empty.log"));

      assertThatThrownBy(() -> reader.read(file))
          .hasMessage(file + ": empty file: there is no log to import");
    }

    @Test
    void aMissingFileIsRefused() {
      Path file = dir.resolve("nope.log");

      assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ": no such file");
    }

    @Test
    void aDirectoryIsNotALog() throws Exception {
      Path sub = Files.createDirectory(dir.resolve("sub.log"));

      assertThatThrownBy(() -> reader.read(sub)).hasMessage(sub + ": not a regular file");
    }

    @Test
    void aLogOverTheLimitIsRefused() throws Exception {
      Path file = Files.write(dir.resolve("big.log"), new byte[2048]);
      Files.writeString(file, "x".repeat(2048));

      assertThatThrownBy(() -> new LogFileReader(1000).read(file))
          .hasMessageContaining("2,048 bytes is more than the 1,000-byte limit");
    }

    @Test
    void invalidUtf8IsStillALog() throws Exception {
      Path file =
          Files.write(
              dir.resolve("latin1.log"),
              "caf\u00e9 failed\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

      BuildRecord build = reader.read(file);

      try (InputStream in = build.steps().get(0).logs().get(0).content().open()) {
        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
      }
      assertThat(new String(Files.readAllBytes(file), UTF_8)).contains("\uFFFD");
    }
  }
}
