package dev.nightwatch.web.api;

import dev.nightwatch.schema.model.Cluster;
import java.util.List;

/**
 * One cluster among search results: the cluster (null for failures not clustered yet), how many of
 * the hits are in it, its best score, its best failures, and its permalink.
 */
public record ClusterResult(
    Cluster cluster, long hits, float score, List<FailureHit> failures, String link) {
  public ClusterResult {
    failures = List.copyOf(failures);
  }
}
