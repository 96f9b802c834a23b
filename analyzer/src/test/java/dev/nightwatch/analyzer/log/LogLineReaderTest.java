package dev.nightwatch.analyzer.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineReaderTest {
  private static List<String> read(byte[] bytes, LogFormat format) throws Exception {
    List<String> lines = new ArrayList<>();
    try (LogLineReader r = new LogLineReader(new ByteArrayInputStream(bytes), format)) {
      while (r.next()) {
        lines.add(r.number() + ":" + r.text());
      }
    }
    return lines;
  }

  private static List<String> read(String text, LogFormat format) throws Exception {
    return read(text.getBytes(UTF_8), format);
  }

  @Test
  void splitsOnLineFeedsAndDropsCarriageReturns() throws Exception {
    assertThat(read("a\r\nb\n\nc", LogFormat.PLAIN)).containsExactly("1:a", "2:b", "3:", "4:c");
  }

  @Test
  void stripsExactlyOneStreamPrefixCharacter() throws Exception {
    String contents = "hmake buildbottest\nooutput\ne  indented stderr\nhprogram finished\n";

    assertThat(read(contents, LogFormat.AUTO))
        .containsExactly(
            "1:make buildbottest", "2:output", "3:  indented stderr", "4:program finished");
  }

  @Test
  void plainTextIsNotTakenForPrefixed() throws Exception {
    assertThat(read("hello\nerror: x\n0:00:01 load avg", LogFormat.AUTO))
        .containsExactly("1:hello", "2:error: x", "3:0:00:01 load avg");
  }

  @Test
  void removesAnsiColourCodes() throws Exception {
    assertThat(read("\u001B[1;31merror:\u001B[0m bad\u001B[K\n", LogFormat.PLAIN))
        .containsExactly("1:error: bad");
  }

  @Test
  void decodesInvalidUtf8WithReplacement() throws Exception {
    assertThat(read(new byte[] {'a', (byte) 0xFF, 'b', '\n'}, LogFormat.PLAIN))
        .containsExactly("1:a\uFFFDb");
  }

  @Test
  void cutsAHugeLineWithoutHoldingIt() throws Exception {
    long size = 500L * 1024 * 1024;
    InputStream huge = new RepeatedByteStream((byte) 'x', size);
    try (LogLineReader r = new LogLineReader(huge, LogFormat.AUTO)) {
      assertThat(r.next()).isTrue();
      assertThat(r.text()).hasSize(LogLineReader.MAX_LINE_BYTES);
      assertThat(r.truncated()).isTrue();
      assertThat(r.next()).isFalse();
    }
  }
}
