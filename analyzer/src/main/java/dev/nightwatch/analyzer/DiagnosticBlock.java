package dev.nightwatch.analyzer;

import dev.nightwatch.analyzer.classify.Rule;
import dev.nightwatch.analyzer.regrtest.ProgressLines;
import dev.nightwatch.analyzer.regrtest.RegrtestLines;
import dev.nightwatch.analyzer.regrtest.UnittestLines;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A failure found by a line rule, with the context its kind calls for: a compiler diagnostic's "In
 * function" lines before and source lines and notes after; the head of the thread dump after a
 * crash or timeout; a couple of lines before anything else.
 */
final class DiagnosticBlock implements Block {
  private static final int DUMP_LINES = 40;
  private static final int COMPILER_LINES = 16;
  // "In file included from x.c:87:", "x.c: In function 'f':", "   12 | code", "      |   ^~~",
  // "x.c:3: note: …"
  private static final Pattern COMPILER_CONTEXT =
      Pattern.compile(
          "In file included from |: In (?:member )?function |: At top level:|^\\s+from ");
  private static final Pattern COMPILER_FOLLOW =
      Pattern.compile("^\\s*\\d*\\s*\\||^\\s+\\S|: note: |^\\s*\\^");

  private final Rule rule;
  private final String testName;
  private final String testFile;
  private final String keyLine;
  private final long keyNumber;
  private final Excerpt excerpt = new Excerpt();
  private int taken;

  DiagnosticBlock(
      Rule rule,
      String testName,
      String testFile,
      String keyLine,
      long keyNumber,
      List<String> before) {
    this.rule = rule;
    this.testName = testName;
    this.testFile = testFile;
    this.keyLine = keyLine;
    this.keyNumber = keyNumber;
    contextBefore(before).forEach(excerpt::add);
    excerpt.add(keyLine);
  }

  private List<String> contextBefore(List<String> before) {
    return switch (rule.context()) {
      case COMPILER -> {
        int from = before.size();
        while (from > 0 && COMPILER_CONTEXT.matcher(before.get(from - 1)).find()) {
          from--;
        }
        yield before.subList(from, before.size());
      }
      case AROUND -> before.subList(Math.max(0, before.size() - 2), before.size());
      case DUMP -> List.of();
    };
  }

  @Override
  public Offer offer(long number, String line) {
    taken++;
    return switch (rule.context()) {
      case COMPILER -> {
        if (taken > COMPILER_LINES || !COMPILER_FOLLOW.matcher(line).find()) {
          yield Offer.DONE;
        }
        excerpt.add(line);
        yield Offer.TAKEN;
      }
      case DUMP -> {
        if (taken > DUMP_LINES
            || ProgressLines.progress(line).isPresent()
            || RegrtestLines.result(line).isPresent()
            || UnittestLines.failHeader(line).isPresent()) {
          yield Offer.DONE;
        }
        excerpt.add(line);
        yield Offer.TAKEN;
      }
      case AROUND -> Offer.DONE;
    };
  }

  @Override
  public FailureFinding finish() {
    excerpt.trim();
    return new FailureFinding(
        rule.kind(),
        testName,
        testFile,
        keyLine,
        keyNumber,
        excerpt.toString(),
        rule.name(),
        false);
  }
}
