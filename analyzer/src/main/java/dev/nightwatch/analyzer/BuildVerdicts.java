package dev.nightwatch.analyzer;

import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.FailureKind;
import dev.nightwatch.schema.model.VerdictStatus;
import java.util.List;

/**
 * Combines the verdicts of a build's logs, and Buildbot's own result, into the build's verdict: a
 * failure in any log explains the build (the highest-ranked kind wins), a Buildbot EXCEPTION is
 * infrastructure, flaky beats success, and a build nothing explains stays unknown with a reason.
 */
public final class BuildVerdicts {
  private BuildVerdicts() {}

  /** The build's verdict and the index of the log it comes from (-1 when from no log). */
  public record Combined(Verdict verdict, int logIndex) {}

  public static Combined combine(BuildResult result, List<Verdict> logs) {
    int failure = best(logs);
    if (failure >= 0 && logs.get(failure).kind() == FailureKind.INFRA) {
      return new Combined(logs.get(failure), failure);
    }
    if (result == BuildResult.EXCEPTION || result == BuildResult.RETRY) {
      return new Combined(
          new Verdict(
              VerdictStatus.FAILURE,
              FailureKind.INFRA,
              null,
              0,
              "Buildbot reported " + result + ": the CI itself failed"),
          -1);
    }
    if (failure >= 0) {
      return new Combined(logs.get(failure), failure);
    }
    for (VerdictStatus status : List.of(VerdictStatus.FLAKY, VerdictStatus.SUCCESS)) {
      for (int i = 0; i < logs.size(); i++) {
        if (logs.get(i).status() == status) {
          return new Combined(logs.get(i), i);
        }
      }
    }
    if (result == BuildResult.SUCCESS || result == BuildResult.WARNINGS) {
      return new Combined(
          new Verdict(VerdictStatus.SUCCESS, null, null, 0, "Buildbot reported " + result), -1);
    }
    if (result == BuildResult.CANCELLED || result == BuildResult.SKIPPED) {
      return new Combined(
          Verdict.unknown("the build was " + result.name().toLowerCase(java.util.Locale.ROOT)), -1);
    }
    return logs.isEmpty()
        ? new Combined(Verdict.unknown("the build has no log to read"), -1)
        : new Combined(logs.get(0), 0);
  }

  private static int best(List<Verdict> logs) {
    int best = -1;
    for (int i = 0; i < logs.size(); i++) {
      Verdict v = logs.get(i);
      if (v.status() == VerdictStatus.FAILURE
          && (best < 0 || Verdicts.rank(v.kind()) < Verdicts.rank(logs.get(best).kind()))) {
        best = i;
      }
    }
    return best;
  }
}
