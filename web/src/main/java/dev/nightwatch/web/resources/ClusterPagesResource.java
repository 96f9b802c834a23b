package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.web.views.ClusterListView;
import dev.nightwatch.web.views.ClusterView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The clusters' pages: the list, seen most recently first, and one cluster. */
@Path("/clusters")
@Produces(MediaType.TEXT_HTML)
public final class ClusterPagesResource {
  private final ClusterQueries queries;

  public ClusterPagesResource(ClusterQueries queries) {
    this.queries = queries;
  }

  @GET
  public ClusterListView list(@QueryParam("offset") String offsetParam) {
    int offset = (int) Params.optionalLong("offset", offsetParam, 0).orElse(0);
    List<Cluster> page = queries.recent(offset);
    return new ClusterListView(
        page, offset, page.size() == ClusterQueries.PAGE ? offset + ClusterQueries.PAGE : null);
  }

  @GET
  @Path("{id}")
  public ClusterView cluster(@PathParam("id") long id, @QueryParam("offset") String offset) {
    return new ClusterView(
        queries.detail(id, (int) Params.optionalLong("offset", offset, 0).orElse(0)));
  }
}
