package dev.nightwatch.web.resources;

import dev.nightwatch.web.views.NoticeView;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A refused or unknown request says why in the reader's terms: a page as a page (a stale link to a
 * cluster reads "no cluster 7"), the API as Dropwizard's JSON error ({@code code}, {@code
 * message}). Answers that already say something — a redirect, a page or JSON of their own — pass
 * through.
 */
public final class PageErrors implements ExceptionMapper<WebApplicationException> {
  @Context private UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response response = e.getResponse();
    int status = response.getStatus();
    if (response.hasEntity() || status < 400) {
      return response;
    }
    String path = uri.getPath();
    if (path.equals("api") || path.startsWith("api/")) {
      return Response.fromResponse(response)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorMessage(status, e.getMessage()))
          .build();
    }
    String title =
        switch (status) {
          case 400 -> "Bad request";
          case 404 -> "Not found";
          case 405 -> "Not allowed";
          default -> "Error " + status;
        };
    return Response.fromResponse(response)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(new NoticeView(title, e.getMessage()))
        .build();
  }
}
