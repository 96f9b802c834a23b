package dev.nightwatch.schema.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.time.Instant.EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.dao.BuildDao;
import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.dao.SourceDao;
import dev.nightwatch.schema.dao.StepDao;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.model.SourceKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogStoreTest extends StoreTest {

  static Stream<Arguments> logs() {
    byte[] random = new byte[300_000];
    new Random(42).nextBytes(random);
    return Stream.of(
        Arguments.of("empty", new byte[0]),
        Arguments.of("no final newline", "a\nb\nc".getBytes(UTF_8)),
        Arguments.of("CRLF", "one\r\ntwo\r\n".getBytes(UTF_8)),
        Arguments.of("invalid UTF-8", new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'}),
        Arguments.of("stream prefixes", "otest_os passed\nehint\nhheader\n".getBytes(UTF_8)),
        Arguments.of("random bytes over many chunks", random),
        Arguments.of(
            "a line longer than a chunk", ("x".repeat(200_000) + "\nend\n").getBytes(UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void rawBytesComeBackByteForByte(String name, byte[] raw) throws Exception {
    LogStore store = new LogStore(database.jdbi(), 4096);
    LogInfo info = write(store, raw);

    try (InputStream in = store.open(info.id())) {
      assertThat(in.readAllBytes()).isEqualTo(raw);
    }
    assertThat(info.rawSize()).isEqualTo(raw.length);
    assertThat(info.sha256()).isEqualTo(LogDigest.of(() -> new ByteArrayInputStream(raw)).sha256());
  }

  @Test
  void aDigestingStreamDigestsWhatPassesAndWhatIsLeft() throws Exception {
    byte[] raw = "some log\nmore\n".repeat(1000).getBytes(UTF_8);
    LogDigest.Digesting in = LogDigest.digesting(new ByteArrayInputStream(raw));
    in.readNBytes(100);

    assertThat(in.finish()).isEqualTo(LogDigest.of(() -> new ByteArrayInputStream(raw)));
  }

  @Test
  void countsLinesAndFlagsInvalidUtf8() throws Exception {
    LogStore store = new LogStore(database.jdbi());
    LogInfo valid = write(store, "é\nü\nlast".getBytes(UTF_8));
    LogInfo invalid = write(store, new byte[] {'a', '\n', (byte) 0xFF, '\n'});

    assertThat(valid.lineCount()).isEqualTo(3);
    assertThat(valid.validUtf8()).isTrue();
    assertThat(invalid.lineCount()).isEqualTo(2);
    assertThat(invalid.validUtf8()).isFalse();
  }

  @Test
  void aMultiByteCharacterSplitAcrossChunksIsStillValid() throws Exception {
    // 4095 ASCII bytes then a 2-byte character: the first chunk boundary cuts it in two.
    byte[] raw = ("a".repeat(4095) + "é" + "b".repeat(5000)).getBytes(UTF_8);
    LogInfo info = write(new LogStore(database.jdbi(), 4096), raw);

    assertThat(info.validUtf8()).isTrue();
  }

  @Test
  void readsARangeOfLinesAcrossChunks() throws Exception {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      log.append("line ").append(i).append("\r\n");
    }
    LogStore store = new LogStore(database.jdbi(), 1024);
    LogInfo info = write(store, log.toString().getBytes(UTF_8));

    assertThat(info.lineCount()).isEqualTo(5000);
    assertThat(store.lines(info.id(), 1, 2, 100)).containsExactly("line 1", "line 2");
    assertThat(store.lines(info.id(), 2999, 3, 100))
        .containsExactly("line 2999", "line 3000", "line 3001");
    assertThat(store.lines(info.id(), 4999, 10, 100)).containsExactly("line 4999", "line 5000");
    assertThat(store.lines(info.id(), 5001, 10, 100)).isEmpty();
  }

  @Test
  void cutsVeryLongLinesForDisplay() throws Exception {
    LogStore store = new LogStore(database.jdbi());
    LogInfo info = write(store, ("y".repeat(50) + "\n").getBytes(UTF_8));

    assertThat(store.lines(info.id(), 1, 1, 10))
        .containsExactly("yyyyyyyyyy … [line cut at 10 characters]");
  }

  @Test
  void compressesRepetitiveLogs() throws Exception {
    String line = "0:01:23 load avg: 1.23 [ 12/450] test_os passed\n";
    LogInfo info = write(new LogStore(database.jdbi()), line.repeat(20_000).getBytes(UTF_8));

    assertThat(info.storedSize()).isLessThan(info.rawSize() / 20);
  }

  private int builds;

  /** Writes the log as the only log of a new build's only step. */
  private LogInfo write(LogStore store, byte[] raw) throws Exception {
    int number = ++builds;
    return database
        .jdbi()
        .inTransaction(
            h -> {
              long source = h.attach(SourceDao.class).upsert("s", SourceKind.FILES, null, EPOCH);
              long builder = h.attach(BuilderDao.class).upsert(source, "b", null, null);
              long buildId =
                  h.attach(BuildDao.class)
                      .upsert(builder, null, TestBuilds.build(number, ""), EPOCH);
              long stepId =
                  h.attach(StepDao.class)
                      .upsert(buildId, 0, "test", BuildResult.FAILURE, null, null, null);
              return store.write(h, stepId, "stdio", () -> new ByteArrayInputStream(raw));
            });
  }
}
