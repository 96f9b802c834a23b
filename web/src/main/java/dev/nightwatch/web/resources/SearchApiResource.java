package dev.nightwatch.web.resources;

import dev.nightwatch.web.api.SearchResponse;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/search}: the failure history searched with Lucene's query syntax, results grouped
 * by cluster with highlights and facet counts; {@code like=ID} finds failures like one.
 */
@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchApiResource {
  private final SearchQueries queries;

  public SearchApiResource(SearchQueries queries) {
    this.queries = queries;
  }

  @GET
  public SearchResponse search(@BeanParam SearchForm form) {
    return queries.search(form.params());
  }
}
