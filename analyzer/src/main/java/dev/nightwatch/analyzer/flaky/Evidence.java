package dev.nightwatch.analyzer.flaky;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.util.List;

/**
 * What is known about one failure when it is explained: its kind and its test's outcome in the
 * build (null for a failure without a test), whether the build was an incident, the test's runs on
 * this builder before this build (oldest first), the test's counts across the fleet, and how many
 * of the builder's builds just before this one had a failure of the same cluster.
 */
public record Evidence(
    FailureKind kind,
    TestStatus testStatus,
    Incidents.Kind incident,
    BuildLoad load,
    List<TestRun> builderHistory,
    Counts fleet,
    int buildsBefore,
    int clusterBuildsBefore,
    Integer clusterLastBuildNumber,
    boolean clusterInPreviousBuild) {
  public Evidence {
    requireNonNull(kind, "kind");
    requireNonNull(incident, "incident");
    requireNonNull(fleet, "fleet");
    builderHistory = List.copyOf(builderHistory);
  }
}
