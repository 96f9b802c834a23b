package dev.nightwatch.analyzer.dedup;

import java.util.List;
import java.util.Map;

/**
 * A page of search results: how many failures and clusters matched, the clusters of this page best
 * first (each with its best failures), and facet counts over every hit.
 */
public record SearchPage(
    long totalHits,
    int totalClusters,
    List<ClusterHits> clusters,
    Map<String, List<Count>> facets) {
  public SearchPage {
    clusters = List.copyOf(clusters);
    facets = Map.copyOf(facets);
  }

  /** One facet value and how many hits have it. */
  public record Count(String value, long count) {}

  /** A cluster among the results: its id (null for failures not clustered yet) and its hits. */
  public record ClusterHits(Long clusterId, long hits, float score, List<SearchHit> top) {
    public ClusterHits {
      top = List.copyOf(top);
    }
  }
}
