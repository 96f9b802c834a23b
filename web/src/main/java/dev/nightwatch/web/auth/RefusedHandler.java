package dev.nightwatch.web.auth;

import io.dropwizard.auth.JSONUnauthorizedHandler;
import jakarta.ws.rs.core.Response;

/**
 * Answers a request without valid credentials with a JSON 401, and closes its connection: the
 * request's body was never read, so the server drops the connection anyway, and saying so keeps
 * clients from sending their next request down it.
 */
public final class RefusedHandler extends JSONUnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.fromResponse(super.buildResponse(prefix, realm))
        .header("Connection", "close")
        .build();
  }
}
