package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Explanation;
import dev.nightwatch.schema.model.LogInfo;
import dev.nightwatch.schema.store.LogStore;
import dev.nightwatch.web.api.BuildDetail;
import dev.nightwatch.web.ingest.Explanations;
import dev.nightwatch.web.views.BuildView;
import dev.nightwatch.web.views.LogLine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A build's page, with its log shown a page of numbered, anchored lines at a time. */
@Path("/builds")
@Produces(MediaType.TEXT_HTML)
public final class BuildPagesResource {
  static final int PAGE_LINES = 2000;
  static final int MAX_LINE_CHARS = 4000;

  private final BuildQueries queries;
  private final LogStore logs;

  private final Explanations explanations;

  public BuildPagesResource(BuildQueries queries, LogStore logs, Explanations explanations) {
    this.queries = queries;
    this.logs = logs;
    this.explanations = explanations;
  }

  /**
   * The build, showing the primary log or {@code ?log=ID}; {@code ?line=N} opens the page holding
   * line N, {@code ?from=N} the page starting there.
   */
  @GET
  @Path("{id}")
  public BuildView build(
      @PathParam("id") long id,
      @QueryParam("log") String logParam,
      @QueryParam("line") String lineParam,
      @QueryParam("from") String fromParam) {
    OptionalLong logId = Params.optionalLong("log", logParam, 1);
    OptionalLong line = Params.optionalLong("line", lineParam, 1);
    OptionalLong from = Params.optionalLong("from", fromParam, 1);
    BuildDetail detail = queries.detail(id);
    LogInfo log = detail.log(logId).orElse(null);
    if (log == null && logId.isPresent()) {
      throw new NotFoundException("build " + id + " has no log " + logId.getAsLong());
    }
    long start =
        line.isPresent() ? ((line.getAsLong() - 1) / PAGE_LINES) * PAGE_LINES + 1 : from.orElse(1);
    List<LogLine> lines = new ArrayList<>();
    if (log != null) {
      long number = start;
      for (String text : logs.lines(log.id(), start, PAGE_LINES, MAX_LINE_CHARS)) {
        lines.add(new LogLine(number++, text));
      }
    }
    Map<Long, Explanation> explained = new HashMap<>();
    for (var f : detail.failures()) {
      explanations.explain(f.id()).ifPresent(e -> explained.put(f.id(), e));
    }
    return new BuildView(detail, log, lines, start, PAGE_LINES, explained);
  }
}
