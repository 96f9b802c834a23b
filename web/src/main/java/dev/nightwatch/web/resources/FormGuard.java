package dev.nightwatch.web.resources;

import dev.nightwatch.web.auth.Sessions;
import dev.nightwatch.web.auth.Triager;
import dev.nightwatch.web.auth.Viewer;
import dev.nightwatch.web.views.NoticeView;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Lets a browser form through only from this site, in a live session, with that session's CSRF
 * token; triage forms also need a triager. A refusal is a page saying why.
 */
public final class FormGuard {
  private final Sessions sessions;

  public FormGuard(Sessions sessions) {
    this.sessions = sessions;
  }

  /**
   * The signed-in viewer who sent the form; someone not signed in is sent to sign in and then to
   * {@code back}.
   */
  public Viewer signedIn(FormSender form, String back) {
    fromThisSite(form);
    Optional<Viewer> viewer = sessions.read(form.cookie);
    if (viewer.isEmpty()) {
      throw new WebApplicationException(Response.seeOther(AccessFilter.signIn(back)).build());
    }
    if (!Sessions.csrfMatches(viewer.get(), form.csrf)) {
      throw refused(
          "Form out of date",
          "This form does not belong to your current session (it was signed in again, or out):"
              + " reload the page and send it again.");
    }
    return viewer.get();
  }

  /** Refuses a form another site's page sent (signing in included). */
  public void fromThisSite(FormSender form) {
    if (!form.fromThisSite()) {
      throw refused(
          "Form from another site",
          "This form was sent from another site's page; Nightwatch only takes its own forms.");
    }
  }

  /** The triager who sent the form; a reader is refused. */
  public Triager triager(FormSender form, String back) {
    Viewer viewer = signedIn(form, back);
    if (!viewer.triager()) {
      throw refused(
          "Not a triager",
          viewer.name() + " may read Nightwatch but not triage: that needs a triager's token.");
    }
    return new Triager(viewer.name());
  }

  private static WebApplicationException refused(String title, String message) {
    return new WebApplicationException(
        Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.TEXT_HTML_TYPE)
            .entity(new NoticeView(title, message))
            .build());
  }
}
