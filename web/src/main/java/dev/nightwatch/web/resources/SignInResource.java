package dev.nightwatch.web.resources;

import dev.nightwatch.web.auth.Account;
import dev.nightwatch.web.auth.Sessions;
import dev.nightwatch.web.auth.TokenGuesses;
import dev.nightwatch.web.auth.Tokens;
import dev.nightwatch.web.views.SignInView;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Signing in with a token and out again. The session is a cookie the script on a page cannot read
 * and other sites' requests do not carry (HttpOnly, SameSite=Strict; Secure over https); signing
 * out ends it on the server too, so a copy of the cookie is worth nothing afterwards.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class SignInResource {
  private final Tokens tokens;
  private final Sessions sessions;
  private final FormGuard guard;
  private final TokenGuesses guesses;
  private final boolean readingNeedsToken;

  public SignInResource(
      Tokens tokens, Sessions sessions, TokenGuesses guesses, boolean readingNeedsToken) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.guesses = guesses;
    this.guard = new FormGuard(sessions);
    this.readingNeedsToken = readingNeedsToken;
  }

  @GET
  @Path("login")
  public SignInView form(@QueryParam("next") String next) {
    return new SignInView(local(next), null, readingNeedsToken);
  }

  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @BeanParam FormSender form,
      @FormParam("token") String token,
      @FormParam("next") String next) {
    guard.fromThisSite(form);
    Optional<Duration> wait = guesses.waitFor(form.address());
    if (wait.isPresent()) {
      // Even the right token waits: else guessing on would still tell which one is right.
      return AccessFilter.tooManyGuesses(wait.get())
          .type(MediaType.TEXT_HTML_TYPE)
          .entity(
              new SignInView(
                  local(next),
                  "Too many wrong tokens from your address: try again in "
                      + AccessFilter.minutes(wait.get())
                      + ".",
                  readingNeedsToken))
          .build();
    }
    Optional<Account> account = tokens.byToken(token);
    if (account.isEmpty()) {
      guesses.wrong(form.address());
      return Response.status(Response.Status.UNAUTHORIZED)
          .entity(
              new SignInView(
                  local(next), "That token is not one of this Nightwatch's.", readingNeedsToken))
          .build();
    }
    return Response.seeOther(URI.create(local(next)))
        .cookie(cookie(sessions.issue(account.get()), (int) sessions.ttl().toSeconds(), form))
        .build();
  }

  @POST
  @Path("logout")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(@BeanParam FormSender form) {
    guard.signedIn(form, "/");
    sessions.end(form.cookie);
    return Response.seeOther(URI.create("/")).cookie(cookie("", 0, form)).build();
  }

  private static NewCookie cookie(String value, int maxAge, FormSender form) {
    return new NewCookie.Builder(Sessions.COOKIE)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(form.overHttps())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  /**
   * Where to go after signing in: a path on this site, never another site ("//host", "/\\host"),
   * and a well-formed one (else the home page).
   */
  static String local(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return "/";
    }
    try {
      URI uri = new URI(next);
      return uri.getScheme() == null && uri.getRawAuthority() == null ? next : "/";
    } catch (URISyntaxException e) {
      return "/";
    }
  }
}
