package dev.nightwatch.notifier.comment;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import java.time.Instant;
import java.util.List;

/**
 * What one PR comment says: the PR, and each builder its merge broke, in the order they failed.
 * Every string from a log or a master is raw here; the renderer escapes it.
 */
public record PrReport(String repository, int prNumber, List<BuilderBreak> builders) {
  public PrReport {
    requireNonNull(repository, "repository");
    builders = List.copyOf(builders);
  }

  /** One failed build of one builder, blamed on this PR, with the links to read more. */
  public record BuilderBreak(
      String builderName,
      int buildNumber,
      Instant finishedAt,
      String revision,
      String buildUrl,
      String pageUrl,
      List<FailureNote> failures) {
    public BuilderBreak {
      requireNonNull(builderName, "builderName");
      requireNonNull(finishedAt, "finishedAt");
      failures = List.copyOf(failures);
    }
  }

  /**
   * One breaking failure: kind, test, key line, excerpt (a traceback or compiler error), and
   * whether its cluster is known from before this build ({@code known} null: new).
   */
  public record FailureNote(
      FailureKind kind,
      String testName,
      String keyLine,
      String excerpt,
      Known known,
      String clusterUrl) {
    public FailureNote {
      requireNonNull(kind, "kind");
    }
  }

  /** The failure's cluster before this build: how often, since when, on which builders. */
  public record Known(long occurrences, Instant firstSeen, List<String> builders) {
    public Known {
      requireNonNull(firstSeen, "firstSeen");
      builders = List.copyOf(builders);
    }
  }
}
