package dev.nightwatch.web.resources;

import dev.nightwatch.web.views.SearchView;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The search page. Its URL is its permalink; a query that does not parse is shown on the page with
 * the parser's message (and answers 400), never a server error.
 */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
public final class SearchPageResource {
  private final SearchQueries queries;

  public SearchPageResource(SearchQueries queries) {
    this.queries = queries;
  }

  @GET
  public SearchView search(@BeanParam SearchForm form) {
    SearchParams params = form.params();
    try {
      return new SearchView(params, queries.search(params), null);
    } catch (BadRequestException e) {
      // The page itself, with the parser's message, as a 400.
      throw new WebApplicationException(
          Response.status(Response.Status.BAD_REQUEST)
              .type(MediaType.TEXT_HTML_TYPE)
              .entity(new SearchView(params, null, e.getMessage()))
              .build());
    }
  }
}
