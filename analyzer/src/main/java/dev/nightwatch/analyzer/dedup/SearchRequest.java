package dev.nightwatch.analyzer.dedup;

import java.time.Instant;
import java.util.Map;

/**
 * A search of the failure history: the query text, exact filters by facet ({@code builder}, {@code
 * kind}, {@code test}, {@code branch}, {@code worker}), an optional time range, and which page of
 * clusters to return.
 */
public record SearchRequest(
    String query,
    Map<String, String> filters,
    Instant from,
    Instant to,
    int offset,
    int limit,
    int hitsPerCluster) {
  public SearchRequest {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    if (offset < 0 || limit < 1 || hitsPerCluster < 1) {
      throw new IllegalArgumentException("bad page: offset " + offset + ", limit " + limit);
    }
  }

  /** The first page of ten clusters for a query, three failures shown for each. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Map.of(), null, null, 0, 10, 3);
  }
}
