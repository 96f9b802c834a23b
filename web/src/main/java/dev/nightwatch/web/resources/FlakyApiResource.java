package dev.nightwatch.web.resources;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nightwatch.web.api.FlakyReport;
import dev.nightwatch.web.api.FlakyTest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /api/flaky}: the flakiest tests as JSON, or {@code ?format=csv} as a CSV download;
 * filters {@code builder}, {@code branch}, {@code days}, {@code sort=lower|impact}, and paging.
 */
@Path("/api/flaky")
public final class FlakyApiResource {
  /** One CSV line: the report row flattened, lists joined with "; ". */
  record CsvRow(
      int rank,
      String test,
      long runs,
      long failures,
      long flaky,
      long incidents,
      long red,
      double probability,
      double lower,
      double upper,
      double wilsonLower,
      double flakyRate,
      String state,
      String builders,
      String workers,
      Instant firstFlakyAt,
      Instant lastFlakyAt) {}

  private static final CsvMapper CSV = csvMapper();
  private static final ObjectWriter CSV_WRITER =
      CSV.writer(CSV.schemaFor(CsvRow.class).withHeader().withColumnReordering(false));

  private final FlakyQueries queries;

  public FlakyApiResource(FlakyQueries queries) {
    this.queries = queries;
  }

  private static CsvMapper csvMapper() {
    CsvMapper m = new CsvMapper();
    m.registerModule(new JavaTimeModule());
    m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    m.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
    return m;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Response report(
      @QueryParam("builder") String builder,
      @QueryParam("branch") String branch,
      @QueryParam("days") String days,
      @QueryParam("sort") String sort,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit,
      @QueryParam("format") @DefaultValue("json") String format) {
    FlakyReport report =
        queries.report(FlakyQueries.Filter.of(builder, branch, days, sort, offset, limit));
    if (!format.equals("csv")) {
      return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }
    try {
      String body =
          CSV_WRITER.writeValueAsString(
              report.tests().stream().map(FlakyApiResource::row).toList());
      return Response.ok(body, "text/csv; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"flaky-tests.csv\"")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvRow row(FlakyTest t) {
    return new CsvRow(
        t.rank(),
        t.test(),
        t.runs(),
        t.failures(),
        t.flaky(),
        t.incidents(),
        t.red(),
        t.probability(),
        t.lower(),
        t.upper(),
        t.wilsonLower(),
        t.flakyRate(),
        t.state().name(),
        shares(t.builders()),
        shares(t.workers()),
        t.firstFlakyAt(),
        t.lastFlakyAt());
  }

  private static String shares(List<FlakyTest.Share> shares) {
    return shares.stream()
        .map(s -> "%s (%d failed, %d flaky)".formatted(s.name(), s.failures(), s.flaky()))
        .collect(Collectors.joining("; "));
  }
}
