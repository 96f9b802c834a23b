package dev.nightwatch.web.api;

import dev.nightwatch.analyzer.dedup.SearchPage;
import java.util.List;
import java.util.Map;

/**
 * A page of search results: the search as understood, how many failures and clusters matched, this
 * page's clusters, facet counts over every hit (each with the link that narrows to it), and the
 * permalinks of this page, the next and the previous (null when there is none).
 */
public record SearchResponse(
    String query,
    Long like,
    Map<String, String> filters,
    String from,
    String to,
    int page,
    int perPage,
    long totalHits,
    int totalClusters,
    List<ClusterResult> clusters,
    Map<String, List<Facet>> facets,
    String permalink,
    String next,
    String previous) {
  public SearchResponse {
    filters = Map.copyOf(filters);
    clusters = List.copyOf(clusters);
    facets = Map.copyOf(facets);
  }

  /** A facet value, its count, and the search narrowed to it. */
  public record Facet(String value, long count, String link) {
    public static Facet of(SearchPage.Count c, String link) {
      return new Facet(c.value(), c.count(), link);
    }
  }
}
