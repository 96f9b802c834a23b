package dev.nightwatch.web.resources;

import dev.nightwatch.web.auth.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Locale;

/**
 * What a browser's form carries besides its fields: the session cookie, the CSRF token the page put
 * in it, and the headers saying which site sent it.
 */
public final class FormSender {
  @CookieParam(Sessions.COOKIE)
  String cookie;

  @FormParam("csrf")
  String csrf;

  @HeaderParam("Origin")
  String origin;

  @HeaderParam("Sec-Fetch-Site")
  String fetchSite;

  @HeaderParam("Host")
  String host;

  @HeaderParam("X-Forwarded-Host")
  String forwardedHost;

  @HeaderParam("X-Forwarded-Proto")
  String forwardedProto;

  @Context UriInfo uri;

  @Context HttpServletRequest servlet;

  /** The address the form came from (the client's, when the connector trusts a proxy's headers). */
  String address() {
    return servlet.getRemoteAddr();
  }

  /** Whether the browser sent this over https, itself or to a proxy in front. */
  boolean overHttps() {
    return "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
        || "https".equalsIgnoreCase(strip(forwardedProto));
  }

  /**
   * Whether the form came from one of this site's pages, as far as the browser says: {@code
   * Sec-Fetch-Site} same-origin (or none: typed by the user), and an {@code Origin}, when sent,
   * naming the host the request was sent to. A browser that sends neither is judged by the CSRF
   * token alone.
   */
  boolean fromThisSite() {
    if (fetchSite != null) {
      String site = fetchSite.strip().toLowerCase(Locale.ROOT);
      if (!site.equals("same-origin") && !site.equals("none")) {
        return false;
      }
    }
    if (origin == null) {
      return true;
    }
    String authority;
    try {
      authority = URI.create(origin.strip()).getRawAuthority();
    } catch (IllegalArgumentException e) {
      return false;
    }
    return authority != null
        && (authority.equalsIgnoreCase(strip(host))
            || authority.equalsIgnoreCase(strip(forwardedHost)));
  }

  private static String strip(String header) {
    return header == null ? "" : header.strip();
  }
}
