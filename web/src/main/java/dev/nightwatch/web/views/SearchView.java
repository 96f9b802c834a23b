package dev.nightwatch.web.views;

import dev.nightwatch.web.api.SearchResponse;
import dev.nightwatch.web.resources.SearchParams;
import java.util.List;

/** The search page: the form, results grouped by cluster, facets and pages. */
public final class SearchView extends PageView {
  private final SearchParams params;
  private final SearchResponse results;
  private final String error;

  public SearchView(SearchParams params, SearchResponse results, String error) {
    super("search.ftlh", params.query().isEmpty() ? "Search" : "Search: " + params.query());
    this.params = params;
    this.results = results;
    this.error = error;
  }

  public SearchParams getParams() {
    return params;
  }

  /** The results, or null when the search could not run (see {@link #getError()}). */
  public SearchResponse getResults() {
    return results;
  }

  public String getError() {
    return error;
  }

  /** The names of the exact filters, in form order. */
  public List<String> getFilterNames() {
    return List.of(SearchParams.FILTERS);
  }
}
