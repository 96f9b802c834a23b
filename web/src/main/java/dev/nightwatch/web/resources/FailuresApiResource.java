package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.web.ingest.Explanations;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/failures/{id}}: one failure, its build context, and why it is in its cluster;
 * {@code …/explain}: what the flakiness analysis says of it.
 */
@Path("/api/failures")
@Produces(MediaType.APPLICATION_JSON)
public final class FailuresApiResource {
  private final ClusterQueries queries;
  private final Explanations explanations;

  public FailuresApiResource(ClusterQueries queries, Explanations explanations) {
    this.queries = queries;
    this.explanations = explanations;
  }

  @GET
  @Path("{id}")
  public FailureDocument get(@PathParam("id") long id) {
    return queries.failure(id);
  }

  /**
   * {@code GET /api/failures/{id}/explain}: likely flaky, broken before, infra or new, with why and
   * the figures behind it.
   */
  @GET
  @Path("{id}/explain")
  public Explanation explain(@PathParam("id") long id) {
    return explanations.explain(id).orElseThrow(() -> new NotFoundException("no failure " + id));
  }
}
