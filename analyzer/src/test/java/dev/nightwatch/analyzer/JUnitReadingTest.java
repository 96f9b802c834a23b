package dev.nightwatch.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.model.VerdictStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JUnit XML reports given to the analyzer as logs: regrtest's, Surefire's, broken and hostile. */
class JUnitReadingTest {
  private final LogAnalyzer analyzer = new LogAnalyzer();

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = JUnitReadingTest.class.getResourceAsStream("/junit/" + name)) {
      return in.readAllBytes();
    }
  }

  private LogAnalysis analyze(byte[] bytes) {
    return analyzer.analyze(new ByteArrayInputStream(bytes), LogFormat.AUTO);
  }

  @Test
  void regrtestsReportWithAReRun() throws Exception {
    byte[] xml = sample("regrtest-rerun.xml");
    LogAnalysis a = analyze(xml);

    assertThat(a.tests())
        .extracting(TestVerdict::testFile, TestVerdict::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("test_lab_math", TestStatus.PASSED),
            org.assertj.core.groups.Tuple.tuple("test_lab_flaky", TestStatus.FLAKY),
            org.assertj.core.groups.Tuple.tuple("test_lab_broken", TestStatus.FAILED_AGAIN));
    assertThat(a.failures()).hasSize(2);
    FailureFinding flaky = a.failures().get(0);
    assertThat(flaky.testName()).isEqualTo("test_lab_flaky.RaceTests.test_timer_race");
    assertThat(flaky.flaky()).isTrue();
    FailureFinding broken = a.failures().get(1);
    assertThat(broken.flaky()).isFalse();
    assertThat(broken.kind()).isEqualTo(FailureKind.TEST_FAILURE);
    assertThat(broken.testFile()).isEqualTo("test_lab_broken");
    assertThat(broken.keyLine()).isEqualTo("ValueError: too many values to unpack (expected 2)");
    assertThat(broken.excerpt()).contains("Traceback (most recent call last):");
    // The key line's number is its line in the report.
    String[] lines = new String(xml, StandardCharsets.UTF_8).split("\n", -1);
    assertThat(lines[(int) broken.lineNumber() - 1]).contains("too many values to unpack");
    assertThat(a.verdict().status()).isEqualTo(VerdictStatus.FAILURE);
    assertThat(a.verdict().reason()).contains("test_lab_broken");
    assertThat(a.lines()).isEqualTo(lines.length - (xml[xml.length - 1] == '\n' ? 1 : 0));
  }

  @Test
  void surefiresFlakyAndReRunFailures() throws Exception {
    LogAnalysis a = analyze(sample("surefire-flaky.xml"));

    assertThat(a.tests())
        .extracting(TestVerdict::testFile, TestVerdict::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("org.example.CacheTest", TestStatus.FAILED_AGAIN),
            org.assertj.core.groups.Tuple.tuple("org.example.FillTest", TestStatus.PASSED));
    assertThat(a.failures())
        .extracting(FailureFinding::testName, FailureFinding::flaky)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("org.example.CacheTest.evictsOldest", true),
            org.assertj.core.groups.Tuple.tuple("org.example.CacheTest.expires", false));
  }

  @Test
  void onlyFlakyFailuresMakeAFlakyVerdictAndAPassingReportASuccess() {
    String flaky =
        """
        <testsuites>
          <testsuite><testcase name="test.test_ssl.T.test_a"><failure message="boom">AssertionError: boom</failure></testcase></testsuite>
          <testsuite><testcase name="test.test_ssl.T.test_a"/></testsuite>
        </testsuites>
        """;
    String passing = "<testsuite><testcase classname=\"a.B\" name=\"c\" time=\"0.5\"/></testsuite>";

    LogAnalysis f = analyze(flaky.getBytes(StandardCharsets.UTF_8));
    LogAnalysis p = analyze(passing.getBytes(StandardCharsets.UTF_8));

    assertThat(f.tests()).extracting(TestVerdict::testFile).containsExactly("test_ssl");
    assertThat(f.verdict().status()).isEqualTo(VerdictStatus.FLAKY);
    assertThat(p.verdict().status()).isEqualTo(VerdictStatus.SUCCESS);
    assertThat(p.tests()).containsExactly(new TestVerdict("a.B", TestStatus.PASSED, 500L));
  }

  @Test
  void aCutReportKeepsWhatItReadAndSaysSo() {
    String cut =
        "<?xml version=\"1.0\"?><testsuites><testsuite><testcase name=\"test_os.A.b\">"
            + "<error message=\"x\">OSError: x</error></testcase><testcase name=\"test_os.A.c\"";

    LogAnalysis a = analyze(cut.getBytes(StandardCharsets.UTF_8));

    assertThat(a.tests()).extracting(TestVerdict::status).containsExactly(TestStatus.FAILED);
    assertThat(a.verdict().status()).isEqualTo(VerdictStatus.FAILURE);
    assertThat(a.failures()).extracting(FailureFinding::keyLine).containsExactly("OSError: x");
  }

  @Test
  void aCutReportWithoutFailuresIsNotASuccess() {
    String cut = "<testsuites><testsuite><testcase name=\"test_os.A.b\"/><testcase name=";

    LogAnalysis a = analyze(cut.getBytes(StandardCharsets.UTF_8));

    assertThat(a.verdict().status()).isEqualTo(VerdictStatus.UNKNOWN);
    assertThat(a.verdict().reason()).contains("could not be read to the end");
    assertThat(a.tests()).extracting(TestVerdict::testFile).containsExactly("test_os");
  }

  @Test
  void externalEntitiesAreNotResolved() {
    String hostile =
        """
        <?xml version="1.0"?>
        <!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <testsuite><testcase name="test_x.A.b"><failure>&x;</failure></testcase></testsuite>
        """;

    LogAnalysis a = analyze(hostile.getBytes(StandardCharsets.UTF_8));

    assertThat(a.failures()).allSatisfy(f -> assertThat(f.excerpt()).doesNotContain("root:"));
  }

  @Test
  void aTextLogIsStillReadAsText() {
    LogAnalysis a = analyzer.analyze("0:00:01 [1/1] test_os failed\n");

    assertThat(a.tests()).extracting(TestVerdict::testFile).containsExactly("test_os");
    assertThat(List.of(a.verdict().status())).doesNotContain(VerdictStatus.SUCCESS);
  }
}
