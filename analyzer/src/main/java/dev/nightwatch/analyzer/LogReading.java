package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.classify.LiteralScanner;
import dev.nightwatch.analyzer.classify.Rule;
import dev.nightwatch.analyzer.classify.Rules;
import dev.nightwatch.analyzer.regrtest.ProgressLines;
import dev.nightwatch.analyzer.regrtest.ProgressLines.Progress;
import dev.nightwatch.analyzer.regrtest.RegrtestLines;
import dev.nightwatch.analyzer.regrtest.RegrtestLines.ListKind;
import dev.nightwatch.analyzer.regrtest.TestLedger;
import dev.nightwatch.analyzer.regrtest.TestLedger.Evidence;
import dev.nightwatch.analyzer.regrtest.UnittestLines;
import dev.nightwatch.analyzer.regrtest.UnittestLines.UnitTest;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestStatus;
import dev.nightwatch.schema.model.VerdictStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The state of one log being read line by line; {@link LogAnalyzer} drives it. */
final class LogReading {
  static final int MAX_FAILURES = 100;
  private static final int CONTEXT_LINES = 4;

  /**
   * What a line must contain for anything but the ring of recent lines to care about it: a rule's
   * literal or a piece of regrtest's or unittest's output. (List headers end with ":".)
   */
  private static final LiteralScanner TRIGGERS =
      new LiteralScanner(
          Stream.concat(
                  Rules.LITERALS.stream(),
                  Stream.of(
                      "] test", // progress
                      "esult: ", // result lines
                      "Re-running",
                      " leaked [",
                      "Warning -- ",
                      "FAIL: ",
                      "ERROR: ",
                      "SUCCESS: ",
                      " failed", // "test test_x failed -- …", "test_x failed (reference leak)"
                      "Traceback (most recent call last):",
                      " ...", // unittest verbose
                      "\0"))
              .distinct()
              .toList());

  private final TestLedger ledger = new TestLedger();
  private final List<FailureFinding> findings = new ArrayList<>();
  private final Deque<String> recent = new ArrayDeque<>();
  private final Set<String> envWarned = new HashSet<>();
  private Block block;
  private ListKind list;
  private Evidence listHeader;
  private UnitTest running;
  private String lastTestFile;
  private String lastVerbose;
  private String resultText;
  private Evidence resultLine;
  private FailureFinding weak;
  private boolean sawRegrtest;
  private boolean sawNul;

  void line(long number, String text) {
    if (block != null) {
      Block.Offer offer = block.offer(number, text);
      if (offer != Block.Offer.DONE) {
        if (offer == Block.Offer.LAST) {
          close();
        }
        remember(text);
        return;
      }
      close();
    }
    read(number, text);
    remember(text);
  }

  private void remember(String text) {
    recent.addLast(text);
    if (recent.size() > CONTEXT_LINES) {
      recent.removeFirst();
    }
  }

  private void close() {
    if (findings.size() < MAX_FAILURES) {
      findings.add(block.finish());
    }
    block = null;
  }

  private void read(long number, String text) {
    if (list != null) {
      List<String> entries = RegrtestLines.listEntries(text);
      if (!entries.isEmpty()) {
        entries.forEach(t -> ledger.listed(list, t, listHeader));
        return;
      }
      list = null;
    }
    // The commonest lines first, with parsers that give up at the first character of others.
    if (UnittestLines.finishedVerbose(text)) {
      lastVerbose = text; // parsed only if a later line needs the test it names
      lastTestFile = null;
      running = null;
      return;
    }
    Optional<Progress> progress = ProgressLines.progress(text);
    if (progress.isPresent()) {
      progress(progress.get(), text, number);
      return;
    }
    Optional<UnitTest> verbose = UnittestLines.verbose(text);
    if (verbose.isPresent()) {
      lastVerbose = text;
      lastTestFile = null;
      running = verbose.get();
    } else if (!text.endsWith(":") && !TRIGGERS.any(text)) {
      return; // nothing any rule or parser looks for
    }
    if (text.indexOf('\0') >= 0) {
      sawNul = true;
    }
    Optional<Progress> bare = ProgressLines.bareState(text);
    if (bare.isPresent()) {
      progress(bare.get(), text, number);
      return;
    }
    Evidence here = new Evidence(text, number);
    Optional<String> result = RegrtestLines.result(text);
    if (result.isPresent()) {
      sawRegrtest = true;
      resultText = result.get();
      resultLine = here;
      return;
    }
    Optional<ListKind> header = RegrtestLines.listHeader(text);
    if (header.isPresent()) {
      sawRegrtest = true;
      list = header.get();
      listHeader = here;
      return;
    }
    if (RegrtestLines.rerunStart(text)) {
      ledger.startRerun();
      return;
    }
    RegrtestLines.leak(text).ifPresent(t -> ledger.mark(t, TestStatus.LEAKED));
    Optional<String> warning = RegrtestLines.warning(text);
    if (warning.isPresent()) {
      envWarning(warning.get().isEmpty() ? lastTestFile() : warning.get(), here);
      return;
    }
    if (openTraceback(text, number, here)) {
      return;
    }
    diagnostic(Rules.match(text), verbose, Optional.empty(), text, number);
  }

  /** A progress line (or a sequential run's bare state line) about a test. */
  private void progress(Progress p, String text, long number) {
    sawRegrtest = true;
    ledger.progress(
        p, p.status() != null && p.status().isFailure() ? new Evidence(text, number) : null);
    lastTestFile = p.test();
    lastVerbose = null;
    if (p.status() == TestStatus.CRASHED) {
      diagnostic(Rules.match(text), Optional.empty(), Optional.of(p), text, number);
    }
  }

  /** The test file of the last test the log named, by a progress or a verbose line. */
  private String lastTestFile() {
    return lastVerbose != null
        ? UnittestLines.verbose(lastVerbose).map(UnitTest::testFile).orElse(null)
        : lastTestFile;
  }

  private boolean openTraceback(String text, long number, Evidence here) {
    Optional<UnitTest> fail = UnittestLines.failHeader(text);
    if (fail.isPresent()) {
      UnitTest t = fail.get();
      String kind = text.strip().substring(0, text.strip().indexOf(':')).toLowerCase(Locale.ROOT);
      block =
          new TracebackBlock(
              t.qualifiedName(),
              t.testFile(),
              text,
              number,
              "unittest-" + kind.replace(' ', '-'),
              false);
      ledger.failed(t.testFile(), false, here);
      return true;
    }
    Optional<String> oneLine = RegrtestLines.oneLineFailure(text);
    if (oneLine.isPresent()) {
      block =
          new TracebackBlock(
              null, oneLine.get(), text, number, "regrtest-traceback", text.contains("Traceback"));
      ledger.failed(oneLine.get(), true, here);
      return true;
    }
    if (text.contains("Traceback (most recent call last):") && running != null) {
      block =
          new TracebackBlock(
              running.qualifiedName(), running.testFile(), text, number, "traceback", true);
      ledger.failed(running.testFile(), false, here);
      return true;
    }
    return false;
  }

  private void diagnostic(
      Optional<Rule> matched,
      Optional<UnitTest> verbose,
      Optional<Progress> progress,
      String text,
      long number) {
    if (matched.isEmpty()) {
      return;
    }
    Rule rule = matched.get();
    if (rule.weak()) {
      if (weak == null) {
        weak = new FailureFinding(rule.kind(), null, null, text, number, text, rule.name(), false);
      }
      return;
    }
    String testName = null;
    String testFile = null;
    if (rule.kind() == FailureKind.CRASH || rule.kind() == FailureKind.TIMEOUT) {
      Optional<UnitTest> unit = verbose.or(() -> Optional.ofNullable(running));
      testName = unit.map(UnitTest::qualifiedName).orElse(null);
      // regrtest prints a worker's crash dump or thread dump right after its progress line
      testFile =
          unit.map(UnitTest::testFile)
              .or(() -> progress.map(Progress::test))
              .or(() -> Optional.ofNullable(lastTestFile()))
              .orElse(null);
      if (testFile != null) {
        ledger.mark(
            testFile, rule.kind() == FailureKind.CRASH ? TestStatus.CRASHED : TestStatus.TIMED_OUT);
      }
    }
    block = new DiagnosticBlock(rule, testName, testFile, text, number, List.copyOf(recent));
  }

  private void envWarning(String test, Evidence here) {
    if (test != null) {
      ledger.mark(test, TestStatus.ENV_CHANGED);
    }
    if (envWarned.add(String.valueOf(test)) && findings.size() < MAX_FAILURES) {
      findings.add(
          new FailureFinding(
              FailureKind.ENV_CHANGED,
              null,
              test,
              here.line(),
              here.number(),
              here.line(),
              "regrtest-warning",
              false));
    }
  }

  LogAnalysis finish(long lines, boolean cut, String readError) {
    if (block != null) {
      close();
    }
    List<TestVerdict> tests = ledger.verdicts();
    List<FailureFinding> settled = Findings.settle(findings, ledger, tests);
    settled.addAll(Findings.fromLedger(settled, ledger, tests));
    Verdict verdict =
        Verdicts.decide(
            settled, tests, resultText, resultLine, weak, sawRegrtest, lines, sawNul, readError);
    List<FailureFinding> all = new ArrayList<>(settled);
    if (verdict.status() == VerdictStatus.FAILURE && all.isEmpty() && weak != null) {
      all.add(weak);
    }
    return new LogAnalysis(all, tests, verdict, lines, cut);
  }
}
