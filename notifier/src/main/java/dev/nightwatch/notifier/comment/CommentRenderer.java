package dev.nightwatch.notifier.comment;

import dev.nightwatch.notifier.comment.PrReport.BuilderBreak;
import dev.nightwatch.notifier.comment.PrReport.FailureNote;
import dev.nightwatch.notifier.comment.PrReport.Known;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.FailureKind;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the one Nightwatch comment on a PR as GitHub Markdown: a hidden marker to find it again,
 * a section per broken builder (failure kind, tests, the traceback or compiler error folded in
 * {@code <details>}, known or new, links), and short instructions. Log text never renders as
 * Markdown or HTML and mentions nobody; the comment always fits GitHub's limit, shortening excerpts
 * and then listing fewer builders as needed. Pure.
 */
public final class CommentRenderer {
  /** GitHub refuses a comment body longer than this many characters. */
  public static final int GITHUB_LIMIT = 65_536;

  /** The hidden first line that marks Nightwatch's comment on a PR. */
  public static final String MARKER = "<!-- nightwatch:pr-comment -->";

  private static final int[] EXCERPT_LINES = {70, 30, 12, 0};
  private static final int FAILURES_PER_BUILDER = 10;
  private static final int NAME_CHARS = 300;
  private static final int LISTED_BUILDERS = 5;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final int limit;

  public CommentRenderer() {
    this(GITHUB_LIMIT);
  }

  /** A renderer for a smaller limit (tests). */
  CommentRenderer(int limit) {
    this.limit = limit;
  }

  public String render(PrReport report) {
    for (int lines : EXCERPT_LINES) {
      String body = render(report, report.builders().size(), lines);
      if (body.length() <= limit) {
        return body;
      }
    }
    // The most builders that fit, found by bisection: the length grows with every builder shown.
    int fits = 0;
    int tooMany = report.builders().size();
    while (tooMany - fits > 1) {
      int mid = (fits + tooMany) >>> 1;
      if (render(report, mid, 0).length() <= limit) {
        fits = mid;
      } else {
        tooMany = mid;
      }
    }
    return render(report, fits, 0);
  }

  private String render(PrReport report, int shown, int excerptLines) {
    int count = report.builders().size();
    StringBuilder md = new StringBuilder();
    md.append(MARKER).append('\n');
    md.append("### Nightwatch: ")
        .append(count == 1 ? "a builder" : count + " builders")
        .append(" failed after this PR was merged\n\n");
    md.append(
        "Each build below is the first on its builder with this PR's commit, the builder was green"
            + " before or never had this failure, and nothing in the failure's history says it is"
            + " flaky or the worker's fault. That makes this PR the likely cause — not a"
            + " certainty.\n");
    for (BuilderBreak b : report.builders().subList(0, shown)) {
      builder(md, b, excerptLines);
    }
    if (shown < count) {
      md.append("\n…and ")
          .append(count - shown)
          .append(count - shown == 1 ? " more builder" : " more builders")
          .append(" (the comment would be too long): ");
      List<String> more = new ArrayList<>();
      for (BuilderBreak b : report.builders().subList(shown, count)) {
        more.add(Markdown.link(b.builderName() + " #" + b.buildNumber(), b.pageUrl()));
      }
      md.append(String.join(", ", more.subList(0, Math.min(more.size(), 20))));
      md.append(more.size() > 20 ? ", …" : "").append('\n');
    }
    md.append("\n---\n")
        .append(
            "**What now?** If this PR caused the failure, a fix or a revert is welcome; please"
                + " link this comment from it. If the failure looks unrelated (a flaky test, a"
                + " worker problem), say so in a reply: the Nightwatch pages above show its"
                + " history. This comment is updated, not repeated, if more builders fail.\n");
    return md.toString();
  }

  private static void builder(StringBuilder md, BuilderBreak b, int excerptLines) {
    md.append("\n#### ").append(Markdown.text(cut(b.builderName()))).append(" — build ");
    md.append(b.buildNumber());
    if (b.revision() != null) {
      md.append(" at ").append(Markdown.code(Change.shortRevision(b.revision()), 10));
    }
    md.append(" (").append(MINUTE.format(b.finishedAt())).append(")\n\n");
    List<FailureNote> failures = b.failures();
    for (FailureNote f : failures.subList(0, Math.min(failures.size(), FAILURES_PER_BUILDER))) {
      failure(md, f, excerptLines);
    }
    if (failures.size() > FAILURES_PER_BUILDER) {
      md.append("\n…and ")
          .append(failures.size() - FAILURES_PER_BUILDER)
          .append(" more failures on the Nightwatch page\n");
    }
    List<String> links = new ArrayList<>();
    if (Markdown.safeUrl(b.buildUrl()).isPresent()) {
      links.add(Markdown.link("Buildbot build", b.buildUrl()));
    }
    if (Markdown.safeUrl(b.pageUrl()).isPresent()) {
      links.add(Markdown.link("Nightwatch build page", b.pageUrl()));
    }
    if (!links.isEmpty()) {
      md.append(String.join(" · ", links)).append('\n');
    }
  }

  private static void failure(StringBuilder md, FailureNote f, int excerptLines) {
    md.append("**").append(kind(f.kind())).append("**");
    if (f.testName() != null && !f.testName().isBlank()) {
      md.append(" in ").append(Markdown.code(f.testName(), NAME_CHARS));
    }
    md.append(" — ").append(known(f.known()));
    if (Markdown.safeUrl(f.clusterUrl()).isPresent()) {
      md.append(" (").append(Markdown.link("history", f.clusterUrl())).append(')');
    }
    md.append('\n');
    if (f.keyLine() != null && !f.keyLine().isBlank()) {
      md.append('\n').append(Markdown.code(f.keyLine(), NAME_CHARS)).append('\n');
    }
    if (excerptLines > 0 && f.excerpt() != null && !f.excerpt().isBlank()) {
      md.append("\n<details><summary>")
          .append(f.kind() == FailureKind.COMPILE_ERROR ? "Compiler output" : "Log excerpt")
          .append("</summary>\n\n")
          .append(Markdown.fence(language(f), shorten(f.excerpt(), excerptLines)))
          .append("\n\n</details>\n");
    }
    md.append('\n');
  }

  /** The fence language: GitHub highlights Python tracebacks as {@code pytb}. */
  static String language(FailureNote f) {
    if (f.excerpt() != null && f.excerpt().contains("Traceback (most recent call last)")) {
      return "pytb";
    }
    return f.kind() == FailureKind.COMPILE_ERROR ? "c" : "text";
  }

  private static String known(Known known) {
    if (known == null) {
      return "**new**: first seen in this build";
    }
    StringBuilder s =
        new StringBuilder("known: seen ")
            .append(known.occurrences())
            .append(known.occurrences() == 1 ? " time" : " times")
            .append(" since ")
            .append(DAY.format(known.firstSeen().atZone(ZoneOffset.UTC)));
    List<String> builders = known.builders();
    if (!builders.isEmpty()) {
      s.append(" on ");
      List<String> names = new ArrayList<>();
      for (String name : builders.subList(0, Math.min(builders.size(), LISTED_BUILDERS))) {
        names.add(Markdown.text(cut(name)));
      }
      s.append(String.join(", ", names));
      if (builders.size() > LISTED_BUILDERS) {
        s.append(" and ").append(builders.size() - LISTED_BUILDERS).append(" more builders");
      }
    }
    return s.toString();
  }

  private static String kind(FailureKind kind) {
    return switch (kind) {
      case COMPILE_ERROR -> "Compile error";
      case TEST_FAILURE -> "Test failure";
      case CRASH -> "Crash";
      case TIMEOUT -> "Timeout";
      case ENV_CHANGED -> "Environment changed";
      case INFRA -> "Infrastructure failure";
      case UNKNOWN -> "Failure of unknown cause";
    };
  }

  /** The excerpt's first and last lines, {@code max} in all, with a count of those left out. */
  private static String shorten(String excerpt, int max) {
    List<String> lines = excerpt.lines().toList();
    if (lines.size() <= max) {
      return excerpt;
    }
    int head = max / 2;
    int tail = max - head;
    List<String> out = new ArrayList<>(lines.subList(0, head));
    out.add("[… " + (lines.size() - max) + " lines left out …]");
    out.addAll(lines.subList(lines.size() - tail, lines.size()));
    return String.join("\n", out);
  }

  private static String cut(String name) {
    return Markdown.cut(name, NAME_CHARS);
  }
}
