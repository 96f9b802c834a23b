package dev.nightwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.analyzer.log.RepeatedByteStream;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.VerdictStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile input gets a result, never an exception. */
class BadInputTest {
  private final LogAnalyzer analyzer = new LogAnalyzer();

  @Test
  void anEmptyLogIsUnknownAndSaysSo() {
    LogAnalysis analysis = analyzer.analyze("");

    assertThat(analysis.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
    assertThat(analysis.verdict().reason()).isEqualTo("the log is empty");
  }

  @Test
  void binaryDataIsUnknownAndSaysSo() {
    byte[] bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    bytes[10] = 0;

    LogAnalysis analysis = analyzer.analyze(new ByteArrayInputStream(bytes), LogFormat.AUTO);

    assertThat(analysis.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
    assertThat(analysis.verdict().reason()).contains("binary data");
  }

  @Test
  void aSingleLineOf500MegabytesIsReadInBoundedMemory() {
    long size = 500L << 20;
    InputStream oneLine = new RepeatedByteStream((byte) 'x', size);

    LogAnalysis analysis = analyzer.analyze(oneLine, LogFormat.AUTO);

    assertThat(analysis.lines()).isEqualTo(1);
    assertThat(analysis.longLinesCut()).isTrue();
    assertThat(analysis.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
  }

  @Test
  void aLogCutOffInsideATracebackStillNamesTheFailure() {
    LogAnalysis analysis =
        analyzer.analyze(
            """
            FAIL: test_x (test.test_y.Z.test_x)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "/b/Lib/test/test_y.py", line 3, in test_x
                self.assertEqual(a, b)""");

    assertThat(analysis.verdict().kind()).isEqualTo(FailureKind.TEST_FAILURE);
    assertThat(analysis.verdict().keyLine()).isEqualTo("FAIL: test_x (test.test_y.Z.test_x)");
    assertThat(analysis.failures().get(0).excerpt()).contains("self.assertEqual(a, b)");
  }

  @Test
  void aReadErrorMidwayIsReportedNotThrown() {
    InputStream failing =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ > 100) {
              throw new IOException("connection reset");
            }
            return 'a';
          }
        };

    LogAnalysis analysis = analyzer.analyze(failing, LogFormat.PLAIN);

    assertThat(analysis.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
    assertThat(analysis.verdict().reason())
        .contains("could not be read to the end: connection reset");
  }

  @Test
  void aFailedRunWithNothingRecognisedIsUnknownWithTheReason() {
    LogAnalysis analysis = analyzer.analyze("== Tests result: FAILURE ==\n");

    assertThat(analysis.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
    assertThat(analysis.verdict().reason()).contains("regrtest's result is FAILURE");
  }

  @Test
  void aChainedExceptionIsKeyedOnItsLastException() {
    LogAnalysis analysis =
        analyzer.analyze(
            """
            ERROR: test_a (test.test_b.C.test_a)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "x.py", line 1, in f
            KeyError: 'k'

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "x.py", line 3, in test_a
            ValueError: bad value

            ----------------------------------------------------------------------
            Ran 1 test in 0.001s
            """);

    assertThat(analysis.verdict().keyLine()).isEqualTo("ValueError: bad value");
    assertThat(analysis.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.testName()).isEqualTo("test_b.C.test_a");
              assertThat(f.excerpt())
                  .contains("KeyError: 'k'", "During handling", "ValueError: bad value");
            });
  }
}
