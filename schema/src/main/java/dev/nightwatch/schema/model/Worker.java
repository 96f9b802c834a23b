package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/** A Buildbot worker (the machine a build ran on); {@code externalId} is Buildbot's workerid. */
public record Worker(long id, long sourceId, String name, Long externalId) {
  public Worker {
    requireNonNull(name, "name");
  }
}
