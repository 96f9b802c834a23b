package dev.nightwatch.web.resources;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Headers that keep hostile log text harmless even if an escape were missed: a Content-Security-
 * Policy allowing only Nightwatch's own scripts, styles and images (no inline script or handler),
 * no framing, no MIME sniffing, and no referrer sent to other sites.
 */
@Provider
public final class SecurityHeaders implements ContainerResponseFilter {
  /** The policy every response carries. */
  public static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.putSingle("Content-Security-Policy", POLICY);
    headers.putSingle("X-Content-Type-Options", "nosniff");
    headers.putSingle("Referrer-Policy", "same-origin");
    headers.putSingle("X-Frame-Options", "DENY");
  }
}
