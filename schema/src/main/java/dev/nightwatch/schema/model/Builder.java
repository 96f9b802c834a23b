package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/** A Buildbot builder (one platform/configuration); {@code externalId} is Buildbot's builderid. */
public record Builder(long id, long sourceId, String name, Long externalId, String description) {
  public Builder {
    requireNonNull(name, "name");
  }
}
