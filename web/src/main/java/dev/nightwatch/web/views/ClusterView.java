package dev.nightwatch.web.views;

import dev.nightwatch.web.api.ClusterDetail;

/** A cluster's page: what it is, where it happens, what triagers did, and its failures. */
public final class ClusterView extends PageView {
  private final ClusterDetail detail;

  public ClusterView(ClusterDetail detail) {
    super("cluster.ftlh", "Cluster " + detail.cluster().id() + ": " + detail.cluster().title());
    this.detail = detail;
  }

  public ClusterDetail getDetail() {
    return detail;
  }
}
