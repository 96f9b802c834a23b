package dev.nightwatch.web.api;

import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.schema.model.TriageRule;
import java.util.List;

/**
 * A cluster whole: the cluster, the builders, workers and branches its latest {@code spreadOver}
 * failures happened on (all of them in a cluster no bigger), the triagers' actions on it, and a
 * page of its failures, newest first ({@code next} is the offset of the following page, null on the
 * last).
 */
public record ClusterDetail(
    Cluster cluster,
    int spreadOver,
    List<ClusterDao.Spread> builders,
    List<ClusterDao.Spread> workers,
    List<ClusterDao.Spread> branches,
    List<TriageRule> actions,
    List<FailureDocument> failures,
    int offset,
    Integer next,
    OccurrenceChart chart) {
  public ClusterDetail {
    builders = List.copyOf(builders);
    workers = List.copyOf(workers);
    branches = List.copyOf(branches);
    actions = List.copyOf(actions);
    failures = List.copyOf(failures);
  }
}
