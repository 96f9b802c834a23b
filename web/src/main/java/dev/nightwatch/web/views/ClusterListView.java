package dev.nightwatch.web.views;

import dev.nightwatch.schema.model.Cluster;
import java.util.List;

/** The clusters, seen most recently first, a page at a time. */
public final class ClusterListView extends PageView {
  private final List<Cluster> clusters;
  private final int offset;
  private final Integer next;

  public ClusterListView(List<Cluster> clusters, int offset, Integer next) {
    super("clusters.ftlh", "Clusters");
    this.clusters = List.copyOf(clusters);
    this.offset = offset;
    this.next = next;
  }

  public List<Cluster> getClusters() {
    return clusters;
  }

  public int getOffset() {
    return offset;
  }

  /** The offset of the next page, or null on the last. */
  public Integer getNext() {
    return next;
  }
}
