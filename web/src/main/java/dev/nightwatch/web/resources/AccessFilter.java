package dev.nightwatch.web.resources;

import dev.nightwatch.web.auth.Account;
import dev.nightwatch.web.auth.Sessions;
import dev.nightwatch.web.auth.TokenGuesses;
import dev.nightwatch.web.auth.Tokens;
import dev.nightwatch.web.auth.Viewer;
import dev.nightwatch.web.views.PageView;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Knows who is asking — a bearer token, else a browser session — and, when reading needs a token,
 * turns away everyone else: pages go to the sign-in page, the API answers 401. The pages learn who
 * is looking (to offer sign-in or triage forms), and pages shown to someone signed in are not
 * cached. Signing in and Buildbot's push (which has its own secret) stay open. A bearer token that
 * is nobody's is answered 401 everywhere else, reading open or not. An address that has sent too
 * many wrong tokens is answered 429 for any bearer header until its window ends (before the write
 * endpoints' own authentication runs, so those attempts count too).
 */
@Priority(Priorities.AUTHENTICATION - 1)
public final class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String VIEWER = AccessFilter.class.getName() + ".viewer";

  private final Sessions sessions;
  private final Tokens tokens;
  private final TokenGuesses guesses;
  private final boolean readingNeedsToken;

  @Context private HttpServletRequest servlet;

  public AccessFilter(
      Sessions sessions, Tokens tokens, TokenGuesses guesses, boolean readingNeedsToken) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.guesses = guesses;
    this.readingNeedsToken = readingNeedsToken;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> bearer = bearer(request);
    if (bearer.isPresent()) {
      // Turned away whatever the token: else guessing on would still tell which one is right.
      Optional<Duration> wait = guesses.waitFor(servlet.getRemoteAddr());
      if (wait.isPresent()) {
        request.abortWith(
            tooManyGuesses(wait.get())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(
                    new ErrorMessage(
                        429,
                        "too many wrong tokens from this address: try again in "
                            + minutes(wait.get())))
                .build());
        return;
      }
    }
    // A bearer header speaks for the request even beside a session cookie, as it does for the
    // write endpoints' authentication: so every guess is counted, whatever else comes with it.
    Cookie cookie = request.getCookies().get(Sessions.COOKIE);
    Optional<Viewer> viewer =
        bearer.isPresent()
            ? byBearer(bearer.get())
            : sessions.read(cookie == null ? null : cookie.getValue());
    viewer.ifPresent(v -> request.setProperty(VIEWER, v));
    String path = request.getUriInfo().getPath();
    if (viewer.isEmpty() && bearer.isPresent() && !alwaysOpen(path)) {
      // Even where reading is open: a client with a mistyped token should hear so, not read on
      // as nobody and fail only when it acts.
      request.abortWith(
          unauthorized(
              "Bearer realm=\"nightwatch\", error=\"invalid_token\"",
              "that bearer token is not one of this Nightwatch's"));
      return;
    }
    if (!readingNeedsToken || viewer.isPresent() || alwaysOpen(path)) {
      return;
    }
    if (path.equals("api") || path.startsWith("api/")) {
      request.abortWith(
          unauthorized(
              "Bearer realm=\"nightwatch\"", "reading needs a token: Authorization: Bearer TOKEN"));
    } else {
      request.abortWith(Response.seeOther(signIn(here(request))).build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Viewer viewer = (Viewer) request.getProperty(VIEWER);
    if (response.getEntity() instanceof PageView page) {
      page.visit(viewer, HttpMethod.GET.equals(request.getMethod()) ? here(request) : "/");
    }
    response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.COOKIE);
    if (viewer != null) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }
  }

  /** The viewer a bearer token names; a wrong token is counted against the address. */
  private Optional<Viewer> byBearer(String token) {
    Optional<Account> account = tokens.byToken(token);
    if (account.isEmpty()) {
      guesses.wrong(servlet.getRemoteAddr());
    }
    return account.map(a -> new Viewer(a, null));
  }

  private static Response unauthorized(String challenge, String message) {
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorMessage(401, message))
        .build();
  }

  /** 429 with how many seconds to wait, rounded up. */
  static Response.ResponseBuilder tooManyGuesses(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Response.status(Response.Status.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, seconds);
  }

  /** A wait in words: "3 minutes", "1 minute" (rounded up). */
  static String minutes(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /** The sign-in page, to come back to {@code next} (a path on this site). */
  static URI signIn(String next) {
    return URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
  }

  private static boolean alwaysOpen(String path) {
    return path.equals("login") || path.equals("logout") || path.startsWith("api/push/");
  }

  private static Optional<String> bearer(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return Optional.empty();
    }
    return Optional.of(header.substring("bearer ".length()));
  }

  /** The path and query asked for, to come back to after signing in. */
  private static String here(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }
}
