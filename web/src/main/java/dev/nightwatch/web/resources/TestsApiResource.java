package dev.nightwatch.web.resources;

import dev.nightwatch.web.api.TestDetail;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/tests/{name}}: one test's report row and its history per builder. */
@Path("/api/tests")
@Produces(MediaType.APPLICATION_JSON)
public final class TestsApiResource {
  private final FlakyQueries queries;

  public TestsApiResource(FlakyQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("{name}")
  public TestDetail test(
      @PathParam("name") String name,
      @QueryParam("days") String days,
      @QueryParam("offset") String offset) {
    return queries.test(name, FlakyQueries.Filter.days(days), Params.offset(offset));
  }
}
