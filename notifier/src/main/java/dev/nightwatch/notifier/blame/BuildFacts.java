package dev.nightwatch.notifier.blame;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import java.util.List;

/**
 * What the blame policy weighs of one finished build: its builder and result, the result of the
 * builder's previous finished build (null when this is its first), its failures, and its new
 * commits — the suspects: the changes it contains that the builder's previous build did not.
 */
public record BuildFacts(
    String builderName,
    BuildResult result,
    BuildResult previousResult,
    List<FailureFacts> failures,
    List<Change> suspects) {
  public BuildFacts {
    requireNonNull(builderName, "builderName");
    requireNonNull(result, "result");
    failures = List.copyOf(failures);
    suspects = List.copyOf(suspects);
  }
}
