package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.regrtest.TestLedger.Evidence;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JUnit XML report — regrtest's {@code --junit-xml} (where a test re-run by {@code -w}
 * appears again in a later {@code <testsuite>}) or any other (Maven Surefire's {@code
 * <flakyFailure>} and {@code <rerunFailure>} included) — streamed with StAX, DTDs and external
 * entities off. A test case that failed and then passed is a flaky verdict; one that failed on
 * every try is a failure. Outcomes are per test file as for regrtest logs: a regrtest test id
 * {@code test.test_os.FileTests.test_access} belongs to {@code test_os}; another report's test to
 * its class.
 */
final class JUnitReading {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  /** Every appearance of one test case, in report order. */
  private static final class Case {
    final String id;
    final String file;
    int failures;
    boolean lastFailed;
    boolean skippedOnly = true;
    long millis;
    FailureFinding first;

    Case(String id, String file) {
      this.id = id;
      this.file = file;
    }
  }

  private JUnitReading() {}

  /** True when the first bytes of a log are a JUnit XML report. */
  static boolean looksLikeJUnit(byte[] head, int length) {
    String text = new String(head, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = text.stripLeading();
    return (text.startsWith("<?xml") && text.contains("<testsuite"))
        || text.startsWith("<testsuites")
        || text.startsWith("<testsuite");
  }

  /** Reads the report to its end; the stream is left for the caller to close. */
  static LogAnalysis read(InputStream in) {
    LineCounter counted = new LineCounter(in);
    Map<String, Case> cases = new LinkedHashMap<>();
    String error = null;
    try {
      XMLStreamReader xml = FACTORY.createXMLStreamReader(counted);
      try {
        readCases(xml, cases);
      } finally {
        xml.close();
      }
      counted.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (XMLStreamException | IOException | RuntimeException e) {
      error = "the JUnit XML could not be read to the end: " + e.getMessage();
      try {
        counted.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException ignored) {
        // the read error above says it
      }
    }
    return analysis(cases, counted.lines(), error);
  }

  private static void readCases(XMLStreamReader xml, Map<String, Case> cases)
      throws XMLStreamException {
    Case current = null;
    boolean failedNow = false;
    boolean skippedNow = false;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String tag = xml.getLocalName();
        switch (tag) {
          case "testcase" -> {
            String name = attr(xml, "name");
            String classname = attr(xml, "classname");
            String id = testId(classname, name);
            current = cases.computeIfAbsent(id, k -> new Case(k, testFile(k, classname)));
            current.millis += millis(attr(xml, "time"));
            failedNow = false;
            skippedNow = "skipped".equals(attr(xml, "status"));
          }
          case "failure", "error" -> {
            if (current != null) {
              failedNow = true;
              finding(xml, current, tag);
            }
          }
          case "rerunFailure", "rerunError" -> {
            if (current != null) {
              current.failures++;
            }
          }
          case "flakyFailure", "flakyError" -> {
            if (current != null) {
              current.failures++;
              finding(xml, current, tag);
            }
          }
          case "skipped" -> skippedNow = true;
          default -> {}
        }
      } else if (event == XMLStreamConstants.END_ELEMENT
          && xml.getLocalName().equals("testcase")
          && current != null) {
        if (failedNow) {
          current.failures++;
        }
        current.lastFailed = failedNow;
        current.skippedOnly &= skippedNow && !failedNow;
        current = null;
      }
    }
  }

  /** The case's first failure as a finding: its last line is the key line, in the file's place. */
  private static void finding(XMLStreamReader xml, Case c, String tag) throws XMLStreamException {
    String message = attr(xml, "message");
    String type = attr(xml, "type");
    long line = xml.getLocation().getLineNumber();
    String text = xml.getElementText();
    if (c.first != null) {
      return;
    }
    List<String> lines = text.isBlank() ? List.of() : List.of(text.strip().split("\\R"));
    String key = null;
    long keyNumber = line;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        key = lines.get(i).strip();
        keyNumber = line + i;
        break;
      }
    }
    if (key == null) {
      key = message != null && !message.isBlank() ? message.strip() : type == null ? tag : type;
    }
    Excerpt excerpt = new Excerpt();
    excerpt.add(c.id + " (" + tag + (type == null ? "" : ": " + type) + ")");
    lines.forEach(excerpt::add);
    excerpt.trim();
    c.first =
        new FailureFinding(
            FailureKind.TEST_FAILURE,
            c.id,
            c.file,
            key,
            keyNumber,
            excerpt.toString(),
            "junit-"
                + (tag.toLowerCase(java.util.Locale.ROOT).endsWith("error") ? "error" : "failure"),
            false);
  }

  private static LogAnalysis analysis(Map<String, Case> cases, long lines, String error) {
    Map<String, TestStatus> files = new LinkedHashMap<>();
    Map<String, Long> durations = new LinkedHashMap<>();
    List<FailureFinding> findings = new ArrayList<>();
    for (Case c : cases.values()) {
      boolean flaky = c.failures > 0 && !c.lastFailed;
      TestStatus status =
          c.lastFailed
              ? (c.failures > 1 ? TestStatus.FAILED_AGAIN : TestStatus.FAILED)
              : flaky ? TestStatus.FLAKY : c.skippedOnly ? TestStatus.SKIPPED : TestStatus.PASSED;
      files.merge(c.file, status, JUnitReading::worse);
      durations.merge(c.file, c.millis, Long::sum);
      if (c.first != null) {
        findings.add(c.first.settled(c.file, !c.lastFailed));
      }
    }
    List<TestVerdict> tests = new ArrayList<>();
    files.forEach((file, status) -> tests.add(new TestVerdict(file, status, durations.get(file))));
    if (cases.isEmpty()) {
      return new LogAnalysis(
          List.of(),
          List.of(),
          Verdict.unknown(error != null ? error : "the JUnit XML report holds no test case"),
          lines,
          false);
    }
    boolean failed = tests.stream().anyMatch(t -> t.status().isFailure());
    if (error != null && !failed) {
      // A report cut short says nothing of the tests it did not reach.
      return new LogAnalysis(findings, tests, Verdict.unknown(error), lines, false);
    }
    Evidence summary =
        new Evidence("%d test cases in %d test files".formatted(cases.size(), files.size()), 1);
    Verdict verdict =
        Verdicts.decide(
            findings,
            tests,
            failed ? "FAILURE" : "SUCCESS",
            summary,
            null,
            true,
            lines,
            false,
            error);
    return new LogAnalysis(findings, tests, verdict, lines, false);
  }

  /** A file's outcome from its cases': a failure beats flaky, flaky beats passed beats skipped. */
  private static TestStatus worse(TestStatus a, TestStatus b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(TestStatus s) {
    return switch (s) {
      case SKIPPED -> 0;
      case PASSED -> 1;
      case FLAKY -> 2;
      case FAILED -> 3;
      default -> 4;
    };
  }

  /** regrtest's {@code test.test_os.X.y} as its logs name it ({@code test_os.X.y}). */
  static String testId(String classname, String name) {
    String id =
        classname == null || classname.isBlank() || (name != null && name.startsWith(classname))
            ? (name == null ? "" : name)
            : classname + "." + name;
    return id.startsWith("test.test_") ? id.substring("test.".length()) : id;
  }

  /** The regrtest test file of a test id, or the class of any other test. */
  static String testFile(String id, String classname) {
    int dot = id.indexOf('.');
    String first = dot < 0 ? id : id.substring(0, dot);
    if (first.startsWith("test_")) {
      return first;
    }
    if (classname != null && !classname.isBlank()) {
      return classname;
    }
    int last = id.lastIndexOf('.');
    return last < 0 ? id : id.substring(0, last);
  }

  private static String attr(XMLStreamReader xml, String name) {
    return xml.getAttributeValue(null, name);
  }

  private static long millis(String seconds) {
    if (seconds == null) {
      return 0;
    }
    try {
      return Math.round(Double.parseDouble(seconds.replace(",", "")) * 1000);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Counts the lines of what passes through; closing it leaves the stream open (the XML parser
   * closes its input at the document's end, before the rest is read for the digest).
   */
  private static final class LineCounter extends java.io.FilterInputStream {
    private long newlines;
    private boolean sawAny;
    private boolean endsWithNewline;

    LineCounter(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        count(buf[off + i]);
      }
      return n;
    }

    private void count(byte b) {
      sawAny = true;
      endsWithNewline = b == '\n';
      if (b == '\n') {
        newlines++;
      }
    }

    @Override
    public void close() {}

    long lines() {
      return newlines + (sawAny && !endsWithNewline ? 1 : 0);
    }
  }
}
