package dev.nightwatch.web.resources;

import dev.nightwatch.analyzer.dedup.BadQueryException;
import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.analyzer.dedup.SearchHit;
import dev.nightwatch.analyzer.dedup.SearchPage;
import dev.nightwatch.analyzer.dedup.SearchRequest;
import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.web.api.ClusterResult;
import dev.nightwatch.web.api.FailureHit;
import dev.nightwatch.web.api.SearchResponse;
import dev.nightwatch.web.ingest.FailureIndexer;
import dev.nightwatch.web.managed.IndexService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ServiceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs searches for the API and the search page, so both show the same thing: the index finds and
 * groups, the database (the source of truth) supplies the clusters and failures shown.
 */
public final class SearchQueries {
  private static final int HITS_PER_CLUSTER = 3;

  private final Jdbi jdbi;
  private final IndexService index;

  public SearchQueries(Jdbi jdbi, IndexService index) {
    this.jdbi = jdbi;
    this.index = index;
  }

  /** A page of results; 400 for a query that does not parse, 503 while the index is not open. */
  public SearchResponse search(SearchParams p) {
    FailureIndex failures = indexer(index).index();
    SearchRequest request =
        new SearchRequest(
            p.query(),
            p.filters(),
            p.fromInstant(),
            p.toInstant(),
            (p.page() - 1) * p.perPage(),
            p.perPage(),
            HITS_PER_CLUSTER);
    SearchPage page;
    try {
      page = p.like() == null ? failures.search(request) : failures.moreLikeThis(p.like(), request);
    } catch (BadQueryException e) {
      throw new BadRequestException("the query does not parse: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return response(p, page);
  }

  /** The server's indexer; 503 while it is not open (another process holds the index). */
  static FailureIndexer indexer(IndexService index) {
    return index
        .indexer()
        .orElseThrow(
            () ->
                new ServiceUnavailableException("the failure index is not open: " + index.state()));
  }

  private SearchResponse response(SearchParams p, SearchPage page) {
    List<Long> clusterIds =
        page.clusters().stream()
            .map(SearchPage.ClusterHits::clusterId)
            .filter(Objects::nonNull)
            .toList();
    List<Long> failureIds =
        page.clusters().stream().flatMap(c -> c.top().stream()).map(SearchHit::failureId).toList();
    Map<Long, Cluster> clusters =
        clusterIds.isEmpty()
            ? Map.of()
            : jdbi.withExtension(ClusterDao.class, d -> d.list(clusterIds)).stream()
                .collect(Collectors.toMap(Cluster::id, Function.identity()));
    Map<Long, FailureDocument> docs =
        failureIds.isEmpty()
            ? Map.of()
            : jdbi.withExtension(FailureDao.class, d -> d.documents(failureIds)).stream()
                .collect(Collectors.toMap(FailureDocument::id, Function.identity()));
    List<ClusterResult> results = new ArrayList<>();
    for (SearchPage.ClusterHits c : page.clusters()) {
      List<FailureHit> hits = new ArrayList<>();
      for (SearchHit h : c.top()) {
        FailureDocument f = docs.get(h.failureId());
        if (f != null) { // gone from the database since the index last heard: not shown
          hits.add(new FailureHit(f, h.score(), h.keyLine(), h.excerpt(), "/failures/" + f.id()));
        }
      }
      Cluster cluster = c.clusterId() == null ? null : clusters.get(c.clusterId());
      results.add(
          new ClusterResult(
              cluster,
              c.hits(),
              c.score(),
              hits,
              cluster == null ? null : "/clusters/" + cluster.id()));
    }
    Map<String, List<SearchResponse.Facet>> facets = new LinkedHashMap<>();
    page.facets()
        .forEach(
            (dim, counts) ->
                facets.put(
                    dim,
                    counts.stream()
                        .map(c -> SearchResponse.Facet.of(c, p.narrowed(dim, c.value())))
                        .toList()));
    int pages = (page.totalClusters() + p.perPage() - 1) / p.perPage();
    return new SearchResponse(
        p.query(),
        p.like(),
        p.filters(),
        p.from(),
        p.to(),
        p.page(),
        p.perPage(),
        page.totalHits(),
        page.totalClusters(),
        results,
        facets,
        p.link(),
        p.page() < pages ? p.link(p.page() + 1) : null,
        p.page() > 1 ? p.link(p.page() - 1) : null);
  }
}
