package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.store.LogStore;
import dev.nightwatch.web.api.BuildDetail;
import dev.nightwatch.web.api.BuildPage;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/** The JSON API over builds: the paged list, one build, and a build's raw log. */
@Path("/api/builds")
@Produces(MediaType.APPLICATION_JSON)
public final class BuildsApiResource {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final BuildQueries queries;
  private final LogStore logs;

  public BuildsApiResource(BuildQueries queries, LogStore logs) {
    this.queries = queries;
    this.logs = logs;
  }

  /** Builds newest first; follow {@code next} as {@code ?cursor=} for the next page. */
  @GET
  public BuildPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    long size = Params.optionalLong("limit", limit, 1).orElse(DEFAULT_LIMIT);
    if (size > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
    }
    return queries.page(cursor, (int) size);
  }

  @GET
  @Path("{id}")
  public BuildDetail get(@PathParam("id") long id) {
    return queries.detail(id);
  }

  /**
   * A log's raw bytes, exactly as stored: the build's primary log (the failed step's stdio), or the
   * one {@code ?log=ID} names.
   */
  @GET
  @Path("{id}/log")
  @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
  public Response log(@PathParam("id") long id, @QueryParam("log") String logId) {
    LogInfo log =
        queries
            .detail(id)
            .log(Params.optionalLong("log", logId, 1))
            .orElseThrow(() -> new NotFoundException("build " + id + " has no such log"));
    StreamingOutput body =
        out -> {
          try (InputStream in = logs.open(log.id())) {
            in.transferTo(out);
          }
        };
    return Response.ok(body)
        .header("Content-Length", log.rawSize())
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
