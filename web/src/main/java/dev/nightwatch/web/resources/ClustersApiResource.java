package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.web.api.ClusterDetail;
import dev.nightwatch.web.api.TriageRequest;
import dev.nightwatch.web.auth.Triager;
import dev.nightwatch.web.managed.IndexService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/**
 * The clusters API: the recent clusters, one cluster whole, and the triagers' actions on it (merge,
 * split, link an issue, mark fixed, reopen), which need a bearer token.
 */
@Path("/api/clusters")
@Produces(MediaType.APPLICATION_JSON)
public final class ClustersApiResource {
  private final ClusterQueries queries;
  private final ClusterTriage triage;

  public ClustersApiResource(ClusterQueries queries, IndexService index, Clock clock) {
    this.queries = queries;
    this.triage = new ClusterTriage(index, clock);
  }

  /** Clusters seen most recently first, 50 a page from {@code offset}. */
  @GET
  public List<Cluster> recent(@QueryParam("offset") String offset) {
    return queries.recent(Params.offset(offset));
  }

  @GET
  @Path("{id}")
  public ClusterDetail get(@PathParam("id") long id, @QueryParam("offset") String offset) {
    return queries.detail(id, Params.offset(offset));
  }

  @POST
  @Path("{id}/merge")
  @Consumes(MediaType.APPLICATION_JSON)
  public Cluster merge(@Auth Triager who, @PathParam("id") long id, TriageRequest body) {
    TriageRequest r = required(body);
    if (r.into() == null) {
      throw new BadRequestException("say which cluster to merge into: {\"into\": ID}");
    }
    return triage.act(a -> a.merge(id, r.into(), who.getName(), r.note()));
  }

  @POST
  @Path("{id}/split")
  @Consumes(MediaType.APPLICATION_JSON)
  public Cluster split(@Auth Triager who, @PathParam("id") long id, TriageRequest body) {
    TriageRequest r = required(body);
    return triage.act(a -> a.split(id, r.failures(), who.getName(), r.note()));
  }

  @POST
  @Path("{id}/issue")
  @Consumes(MediaType.APPLICATION_JSON)
  public Cluster linkIssue(@Auth Triager who, @PathParam("id") long id, TriageRequest body) {
    return triage.act(a -> a.linkIssue(id, required(body).url(), who.getName()));
  }

  @POST
  @Path("{id}/fixed")
  @Consumes(MediaType.APPLICATION_JSON)
  public Cluster markFixed(@Auth Triager who, @PathParam("id") long id, TriageRequest body) {
    return triage.act(a -> a.markFixed(id, who.getName(), body == null ? null : body.note()));
  }

  @POST
  @Path("{id}/reopen")
  @Consumes(MediaType.APPLICATION_JSON)
  public Cluster reopen(@Auth Triager who, @PathParam("id") long id, TriageRequest body) {
    return triage.act(a -> a.reopen(id, who.getName(), body == null ? null : body.note()));
  }

  private static TriageRequest required(TriageRequest body) {
    if (body == null) {
      throw new BadRequestException("the action needs a JSON body");
    }
    return body;
  }
}
