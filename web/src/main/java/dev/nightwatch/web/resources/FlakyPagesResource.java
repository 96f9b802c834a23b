package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.BuilderDao;
import dev.nightwatch.schema.model.Builder;
import dev.nightwatch.web.views.FlakyView;
import dev.nightwatch.web.views.TestView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The flakiest-tests page ({@code /flaky}) and a test's page ({@code /flaky/tests/{name}}). */
@Path("/flaky")
@Produces(MediaType.TEXT_HTML)
public final class FlakyPagesResource {
  private final FlakyQueries queries;
  private final Jdbi jdbi;

  public FlakyPagesResource(FlakyQueries queries, Jdbi jdbi) {
    this.queries = queries;
    this.jdbi = jdbi;
  }

  @GET
  public FlakyView report(
      @QueryParam("builder") String builder,
      @QueryParam("branch") String branch,
      @QueryParam("days") String days,
      @QueryParam("sort") String sort,
      @QueryParam("offset") String offset) {
    List<String> builders =
        jdbi.withExtension(BuilderDao.class, BuilderDao::list).stream()
            .map(Builder::name)
            .distinct()
            .toList();
    return new FlakyView(
        queries.report(FlakyQueries.Filter.of(builder, branch, days, sort, offset, "50")),
        builders);
  }

  @GET
  @Path("tests/{name}")
  public TestView test(
      @PathParam("name") String name,
      @QueryParam("days") String days,
      @QueryParam("offset") String offset) {
    return new TestView(queries.test(name, FlakyQueries.Filter.days(days), Params.offset(offset)));
  }
}
