package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.FailureDocument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** A failure's permalink: {@code /failures/{id}} leads to the failure on its build's page. */
@Path("/failures")
public final class FailurePagesResource {
  private final ClusterQueries queries;

  public FailurePagesResource(ClusterQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("{id}")
  public Response failure(@PathParam("id") long id) {
    FailureDocument f = queries.failure(id);
    return Response.seeOther(URI.create("/builds/" + f.buildId() + "#failure-" + f.id())).build();
  }
}
