package dev.nightwatch.web.resources;

import dev.nightwatch.web.views.BuildListView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The home page: builders red now, new clusters, the last day's failures, then the builds. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class HomeResource {
  static final int PAGE_SIZE = 50;

  private final BuildQueries queries;
  private final HomeQueries home;

  public HomeResource(BuildQueries queries, HomeQueries home) {
    this.queries = queries;
    this.home = home;
  }

  /** The first page leads with what is red now and what is new; later pages are builds only. */
  @GET
  public BuildListView builds(@QueryParam("cursor") String cursor) {
    return new BuildListView(
        queries.page(cursor, PAGE_SIZE),
        cursor == null || cursor.isEmpty() ? home.summary() : null);
  }
}
