package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.classify.Rule;
import dev.nightwatch.analyzer.classify.Rules;
import dev.nightwatch.analyzer.regrtest.ProgressLines;
import dev.nightwatch.analyzer.regrtest.RegrtestLines;
import dev.nightwatch.analyzer.regrtest.UnittestLines;
import dev.nightwatch.schema.model.FailureKind;
import java.util.Optional;

/**
 * A unittest FAIL/ERROR block or a regrtest "test X failed -- Traceback" block: the header, the
 * whole traceback (chained exceptions included) and the exception message. Its key line is the
 * final exception line, or the header when no traceback follows.
 */
final class TracebackBlock implements Block {
  private static final int MAX_LINES = 400;
  private static final int MAX_BEFORE_TRACEBACK = 6;

  private final String testName;
  private final String testFile;
  private final String header;
  private final long headerNumber;
  private final String rule;
  private final Excerpt excerpt = new Excerpt();
  private boolean inTraceback;
  private boolean expectException;
  private String exception;
  private long exceptionNumber;
  private boolean pendingBlank;
  private int lines;

  TracebackBlock(
      String testName,
      String testFile,
      String header,
      long headerNumber,
      String rule,
      boolean startsTraceback) {
    this.testName = testName;
    this.testFile = testFile;
    this.header = header;
    this.headerNumber = headerNumber;
    this.rule = rule;
    this.inTraceback = startsTraceback;
    this.expectException = startsTraceback;
    excerpt.add(header);
  }

  @Override
  public Offer offer(long number, String line) {
    if (++lines > MAX_LINES || endsBlock(line)) {
      return Offer.DONE;
    }
    if (RegrtestLines.separator(line)) {
      if (exception != null) {
        return Offer.LAST;
      }
      return take(line);
    }
    if (line.startsWith("```")) {
      return Offer.TAKEN; // Markdown fences around pasted logs
    }
    if (line.contains("Traceback (most recent call last):")) {
      inTraceback = true;
      expectException = true;
      pendingBlank = false;
      return take(line);
    }
    if (!inTraceback) {
      return lines <= MAX_BEFORE_TRACEBACK && !line.isBlank() ? take(line) : Offer.DONE;
    }
    if (line.isBlank()) {
      pendingBlank = exception != null;
      return take(line);
    }
    if (pendingBlank) {
      if (line.startsWith("During handling") || line.startsWith("The above exception")) {
        pendingBlank = false;
        return take(line);
      }
      return Offer.DONE;
    }
    boolean indented = Character.isWhitespace(line.charAt(0));
    if (!indented && expectException) {
      exception = line;
      exceptionNumber = number;
      expectException = false;
    }
    return take(line);
  }

  private Offer take(String line) {
    excerpt.add(line);
    return Offer.TAKEN;
  }

  /** Lines that start something else: a new failure, regrtest's progress or summary. */
  private static boolean endsBlock(String line) {
    return UnittestLines.failHeader(line).isPresent()
        || ProgressLines.progress(line).isPresent()
        || RegrtestLines.result(line).isPresent()
        || RegrtestLines.listHeader(line).isPresent()
        || RegrtestLines.rerunStart(line)
        || line.startsWith("Ran ") && line.contains(" test")
        || RegrtestLines.oneLineFailure(line).isPresent();
  }

  @Override
  public FailureFinding finish() {
    excerpt.trim();
    String key = exception != null ? exception : header;
    long keyNumber = exception != null ? exceptionNumber : headerNumber;
    // An exception that says the machine ran out of something is the machine's fault.
    Optional<Rule> infra =
        Optional.ofNullable(exception)
            .flatMap(Rules::match)
            .filter(r -> r.kind() == FailureKind.INFRA);
    return new FailureFinding(
        infra.isPresent() ? FailureKind.INFRA : FailureKind.TEST_FAILURE,
        testName,
        testFile,
        key,
        keyNumber,
        excerpt.toString(),
        infra.map(Rule::name).orElse(exception != null ? rule : rule + "-no-traceback"),
        false);
  }
}
