package dev.nightwatch.web.resources;

import dev.nightwatch.web.views.BuildListView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The home page: the list of builds, newest first. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class HomeResource {
  static final int PAGE_SIZE = 50;

  private final BuildQueries queries;

  public HomeResource(BuildQueries queries) {
    this.queries = queries;
  }

  @GET
  public BuildListView builds(@QueryParam("cursor") String cursor) {
    return new BuildListView(queries.page(cursor, PAGE_SIZE));
  }
}
