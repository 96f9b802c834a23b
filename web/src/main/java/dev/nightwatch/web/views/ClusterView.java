package dev.nightwatch.web.views;

import dev.nightwatch.web.api.ClusterDetail;
import java.util.Locale;
import java.util.Optional;

/**
 * A cluster's page: what it is, where it happens, what triagers did, its failures, and the triage
 * forms; after an action, what was done, or why it was refused.
 */
public final class ClusterView extends PageView {
  /** A triage action done, as its page reports it afterwards. */
  public enum Done {
    MERGE,
    SPLIT,
    ISSUE,
    FIXED,
    REOPEN;

    /** How the {@code done} parameter names it. */
    public String param() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The action a {@code done} parameter names; empty for none or an unknown one. */
    public static Optional<Done> parse(String value) {
      for (Done d : values()) {
        if (d.param().equals(value)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  private final ClusterDetail detail;
  private String done;
  private String problem;

  public ClusterView(ClusterDetail detail) {
    super("cluster.ftlh", "Cluster " + detail.cluster().id() + ": " + detail.cluster().title());
    this.detail = detail;
  }

  public ClusterDetail getDetail() {
    return detail;
  }

  /** Reports an action done on cluster {@code from} that led here. */
  public void report(Done action, long from) {
    this.done =
        switch (action) {
          case MERGE ->
              "Cluster " + from + " was merged into this one; its future failures come here.";
          case SPLIT ->
              "Split out of cluster "
                  + from
                  + ": these failures, and those with their signatures from now on, are here.";
          case ISSUE -> "The issue link was saved.";
          case FIXED -> "Marked fixed: a failure from now on reopens it.";
          case REOPEN -> "Reopened.";
        };
  }

  /** Reports why an action on this cluster was refused. */
  public void refused(String reason) {
    this.problem = reason;
  }

  /** What was just done; {@code null} when nothing was. */
  public String getDone() {
    return done;
  }

  /** Why the last action was refused; {@code null} when none was. */
  public String getProblem() {
    return problem;
  }
}
