package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.FailureDocument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/failures/{id}}: one failure, its build context, and why it is in its cluster. */
@Path("/api/failures")
@Produces(MediaType.APPLICATION_JSON)
public final class FailuresApiResource {
  private final ClusterQueries queries;

  public FailuresApiResource(ClusterQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("{id}")
  public FailureDocument get(@PathParam("id") long id) {
    return queries.failure(id);
  }
}
