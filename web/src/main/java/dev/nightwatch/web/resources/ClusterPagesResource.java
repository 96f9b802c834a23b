package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.web.ingest.ClusterActions;
import dev.nightwatch.web.managed.IndexService;
import dev.nightwatch.web.views.ClusterListView;
import dev.nightwatch.web.views.ClusterView;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The clusters' pages: the list, seen most recently first, one cluster, and the triage forms on it
 * (merge, split, link an issue, mark fixed, reopen), which need a signed-in triager and the
 * session's CSRF token. A done action leads to the cluster it left the failures in; a refused one
 * shows the cluster again with the reason.
 */
@Path("/clusters")
@Produces(MediaType.TEXT_HTML)
public final class ClusterPagesResource {
  private final ClusterQueries queries;
  private final ClusterTriage triage;
  private final FormGuard guard;

  public ClusterPagesResource(
      ClusterQueries queries, IndexService index, Clock clock, FormGuard guard) {
    this.queries = queries;
    this.triage = new ClusterTriage(index, clock);
    this.guard = guard;
  }

  @GET
  public ClusterListView list(@QueryParam("offset") String offsetParam) {
    int offset = Params.offset(offsetParam);
    List<Cluster> page = queries.recent(offset);
    return new ClusterListView(
        page, offset, page.size() == ClusterQueries.PAGE ? offset + ClusterQueries.PAGE : null);
  }

  @GET
  @Path("{id}")
  public ClusterView cluster(
      @PathParam("id") long id,
      @QueryParam("offset") String offset,
      @QueryParam("done") String done,
      @QueryParam("from") String from) {
    ClusterView view = new ClusterView(queries.detail(id, Params.offset(offset)));
    ClusterView.Done.parse(done)
        .ifPresent(d -> view.report(d, Params.optionalLong("from", from, 1).orElse(id)));
    return view;
  }

  @POST
  @Path("{id}/merge")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response merge(
      @BeanParam FormSender form,
      @PathParam("id") long id,
      @FormParam("into") String into,
      @FormParam("note") String note) {
    return act(
        form,
        id,
        ClusterView.Done.MERGE,
        (actions, who) -> {
          long target =
              Params.optionalLong("into", into, 1)
                  .orElseThrow(() -> new BadRequestException("say which cluster to merge into"));
          return actions.merge(id, target, who, text(note));
        });
  }

  @POST
  @Path("{id}/split")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response split(
      @BeanParam FormSender form,
      @PathParam("id") long id,
      @FormParam("failure") List<String> failures,
      @FormParam("note") String note) {
    return act(
        form,
        id,
        ClusterView.Done.SPLIT,
        (actions, who) -> {
          List<Long> ids = new ArrayList<>();
          for (String f : failures) {
            Params.optionalLong("failure", f, 1).ifPresent(ids::add);
          }
          if (ids.isEmpty()) {
            throw new BadRequestException("tick the failures to split out of this cluster");
          }
          return actions.split(id, ids, who, text(note));
        });
  }

  @POST
  @Path("{id}/issue")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response linkIssue(
      @BeanParam FormSender form, @PathParam("id") long id, @FormParam("url") String url) {
    return act(form, id, ClusterView.Done.ISSUE, (actions, who) -> actions.linkIssue(id, url, who));
  }

  @POST
  @Path("{id}/fixed")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response markFixed(
      @BeanParam FormSender form, @PathParam("id") long id, @FormParam("note") String note) {
    return act(
        form, id, ClusterView.Done.FIXED, (actions, who) -> actions.markFixed(id, who, text(note)));
  }

  @POST
  @Path("{id}/reopen")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response reopen(
      @BeanParam FormSender form, @PathParam("id") long id, @FormParam("note") String note) {
    return act(
        form, id, ClusterView.Done.REOPEN, (actions, who) -> actions.reopen(id, who, text(note)));
  }

  /** A form's action on the clusters, by the triager named. */
  @FunctionalInterface
  private interface Act {
    Cluster apply(ClusterActions actions, String triager) throws IOException;
  }

  /**
   * Lets the form through {@link FormGuard} (a triager's, with the session's CSRF token), runs its
   * action, then 303 to the cluster it leaves the failures in (the Post/Redirect/Get pattern, so
   * reloading does not send it again); a refusal shows this cluster again, with the reason.
   */
  private Response act(FormSender form, long id, ClusterView.Done done, Act act) {
    String who = guard.triager(form, page(id)).getName();
    try {
      Cluster result = triage.act(actions -> act.apply(actions, who));
      return Response.seeOther(
              URI.create(page(result.id()) + "?done=" + done.param() + "&from=" + id))
          .build();
    } catch (BadRequestException | NotFoundException e) {
      ClusterView view = new ClusterView(queries.detail(id, 0));
      view.refused(e.getMessage());
      return Response.status(e.getResponse().getStatus()).entity(view).build();
    }
  }

  private static String page(long id) {
    return "/clusters/" + id;
  }

  private static String text(String note) {
    return note == null || note.isBlank() ? null : note.strip();
  }
}
