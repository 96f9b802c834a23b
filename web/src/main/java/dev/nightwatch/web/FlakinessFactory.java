package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.analyzer.flaky.Explainer;
import dev.nightwatch.web.ingest.Explanations;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The thresholds of the flakiness verdict on a failure ({@code explain}): when a test counts as
 * flaky on its builder or across the fleet, over how many days, and how many of the builder's
 * earlier builds are looked at for the same failure.
 */
public final class FlakinessFactory {
  /** Flaky verdicts a test needs across the fleet to be called flaky there. */
  @Min(1)
  @JsonProperty
  private int minFlakyVerdicts = Explainer.Thresholds.DEFAULT.minFlakyVerdicts();

  /** The Wilson lower bound of its fleet failure rate it needs too. */
  @DecimalMin("0")
  @DecimalMax("1")
  @JsonProperty
  private double fleetLowerBound = Explainer.Thresholds.DEFAULT.fleetLowerBound();

  /** Failures in its current flaky segment on the builder to be called flaky there. */
  @Min(1)
  @JsonProperty
  private int minUnexpected = Explainer.Thresholds.DEFAULT.minUnexpected();

  /** The fleet window, in days, ending on the failing build's day. */
  @Min(1)
  @Max(3660)
  @JsonProperty
  private int fleetDays = Explanations.Settings.DEFAULT.fleetDays();

  /** The builder's earlier builds searched for the same failure. */
  @Min(1)
  @Max(100)
  @JsonProperty
  private int lookback = Explanations.Settings.DEFAULT.lookback();

  public Explanations.Settings build() {
    return new Explanations.Settings(
        new Explainer.Thresholds(minFlakyVerdicts, fleetLowerBound, minUnexpected),
        fleetDays,
        lookback);
  }
}
