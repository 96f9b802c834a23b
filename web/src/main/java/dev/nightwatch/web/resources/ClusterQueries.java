package dev.nightwatch.web.resources;

import dev.nightwatch.schema.dao.ClusterDao;
import dev.nightwatch.schema.dao.FailureDao;
import dev.nightwatch.schema.dao.TriageRuleDao;
import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.schema.model.FailureDocument;
import dev.nightwatch.web.api.ClusterDetail;
import dev.nightwatch.web.api.OccurrenceChart;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads clusters for the API and the pages. */
public final class ClusterQueries {
  static final int PAGE = 50;
  private static final int SPREAD = 30;

  /** The spread over builders, workers and branches reads at most this many latest failures. */
  static final int SPREAD_OVER = 5_000;

  private static final int CHART_DAYS = 30;
  private static final int CHART_ROWS = 8;

  private final Jdbi jdbi;

  public ClusterQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The clusters seen most recently, not merged away; 50 a page from {@code offset}. */
  public List<Cluster> recent(int offset) {
    return jdbi.withExtension(ClusterDao.class, d -> d.recent(offset, PAGE));
  }

  /** A cluster with its spread, actions and a page of failures; 404 when there is none. */
  public ClusterDetail detail(long id, int offset) {
    return jdbi.withHandle(
        h -> {
          ClusterDao clusters = h.attach(ClusterDao.class);
          Cluster c =
              clusters.find(id).orElseThrow(() -> new NotFoundException("no cluster " + id));
          List<FailureDocument> members = h.attach(FailureDao.class).members(id, offset, PAGE + 1);
          boolean more = members.size() > PAGE;
          return new ClusterDetail(
              c,
              SPREAD_OVER,
              clusters.spread(id, ClusterDao.Over.BUILDER, SPREAD_OVER, SPREAD),
              clusters.spread(id, ClusterDao.Over.WORKER, SPREAD_OVER, SPREAD),
              clusters.spread(id, ClusterDao.Over.BRANCH, SPREAD_OVER, SPREAD),
              h.attach(TriageRuleDao.class).forCluster(id),
              more ? members.subList(0, PAGE) : members,
              offset,
              more ? offset + PAGE : null,
              chart(h.attach(FailureDao.class), c));
        });
  }

  /** One failure with its build context and why it is in its cluster; 404 when there is none. */
  public FailureDocument failure(long id) {
    return jdbi.withExtension(FailureDao.class, d -> d.document(id))
        .orElseThrow(() -> new NotFoundException("no failure " + id));
  }

  /** The cluster's last 30 days, ending on the day it was last seen, per builder. */
  private static OccurrenceChart chart(FailureDao failures, Cluster c) {
    LocalDate last = c.lastSeen().atZone(ZoneOffset.UTC).toLocalDate();
    Instant from = last.minusDays(CHART_DAYS - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    return OccurrenceChart.of(
        failures.occurrences(c.id(), from, to), c.lastSeen(), CHART_DAYS, CHART_ROWS);
  }
}
