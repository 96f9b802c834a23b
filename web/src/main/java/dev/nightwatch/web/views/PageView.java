package dev.nightwatch.web.views;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.BuildVerdict;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.web.auth.Viewer;
import io.dropwizard.views.common.View;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Base of Nightwatch's HTML pages: the title, and the formatting every page shares. */
public abstract class PageView extends View {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String title;
  private Viewer viewer;
  private String here = "/";

  protected PageView(String template, String title) {
    super(template, UTF_8);
    this.title = title;
  }

  public String getTitle() {
    return title;
  }

  /**
   * Says who is looking and at what path, set for every page just before it is written (the
   * resources that build pages need not know about sessions).
   */
  public void visit(Viewer viewer, String here) {
    this.viewer = viewer;
    this.here = here;
  }

  /** Who is signed in; {@code null} for an anonymous reader. */
  public Viewer getViewer() {
    return viewer;
  }

  /** The path and query of this page, for signing in and coming back. */
  public String getHere() {
    return here;
  }

  /** A time as triagers read it, in UTC; empty when unknown. */
  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** The first 10 characters of a revision, as git shows it. */
  public String shortRevision(String revision) {
    return Change.shortRevision(revision);
  }

  /** A verdict as a triager says it: "compile error", "flaky", "passed", "unknown". */
  public String verdictLabel(BuildVerdict verdict) {
    if (verdict == null) {
      return "not analysed";
    }
    return switch (verdict.status()) {
      case FAILURE -> kindLabel(verdict.kind());
      case FLAKY -> "flaky";
      case SUCCESS -> "passed";
      case UNKNOWN -> "unknown";
    };
  }

  /** A failure kind in words: COMPILE_ERROR → "compile error". */
  public String kindLabel(FailureKind kind) {
    return kind == null ? "" : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The CSS class for a verdict's colour. */
  public String verdictClass(BuildVerdict verdict) {
    return verdict == null
        ? "verdict-none"
        : "verdict-" + verdict.status().name().toLowerCase(Locale.ROOT);
  }

  /** The CSS class for a result's colour. */
  public String resultClass(BuildResult result) {
    return "result-" + result.name().toLowerCase(Locale.ROOT);
  }
}
