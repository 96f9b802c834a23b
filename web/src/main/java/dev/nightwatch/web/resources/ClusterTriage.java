package dev.nightwatch.web.resources;

import dev.nightwatch.schema.model.Cluster;
import dev.nightwatch.web.ingest.ClusterActions;
import dev.nightwatch.web.managed.IndexService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.NoSuchElementException;

/**
 * Runs a triager's action on the clusters for the API and the pages alike: an unknown cluster or
 * failure is a 404, a refused action (merging a cluster into itself, a bad link) a 400.
 */
final class ClusterTriage {
  /** An action on the clusters. */
  @FunctionalInterface
  interface Action {
    Cluster apply(ClusterActions actions) throws IOException;
  }

  private final IndexService index;
  private final Clock clock;

  ClusterTriage(IndexService index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  Cluster act(Action action) {
    ClusterActions actions = new ClusterActions(SearchQueries.indexer(index), clock);
    try {
      return action.apply(actions);
    } catch (NoSuchElementException e) {
      throw new NotFoundException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
