package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.analyzer.dedup.ClusterMatcher;
import dev.nightwatch.web.ingest.FailureIndexer;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * How failures are clustered and indexed: the similarity threshold, and how often the server looks
 * for failures that another process (an {@code import-logs} run) stored while it held the index.
 * The index lives in {@code DATA_DIR/index}.
 */
public final class ClusteringFactory {
  /** The index's directory inside the data directory. */
  public static final String INDEX_DIR = "index";

  @DecimalMin(value = "0", inclusive = false)
  @DecimalMax("1")
  @JsonProperty
  private double threshold = ClusterMatcher.DEFAULT_THRESHOLD;

  @NotNull @JsonProperty private Duration pollInterval = Duration.seconds(2);

  public double getThreshold() {
    return threshold;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  /**
   * Opens the index of the data directory over the database.
   *
   * @throws dev.nightwatch.analyzer.dedup.FailureIndex.BusyException when another process has it
   */
  public FailureIndexer open(Jdbi jdbi, Path dataDir) throws IOException {
    return FailureIndexer.open(jdbi, dataDir.resolve(INDEX_DIR), threshold, Clock.systemUTC());
  }
}
