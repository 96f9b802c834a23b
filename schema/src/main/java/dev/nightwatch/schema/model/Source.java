package dev.nightwatch.schema.model;

import static java.util.Objects.requireNonNull;

/** One origin of builds, usually a Buildbot master; builder names are unique within a source. */
public record Source(long id, String name, SourceKind kind, String url) {
  public Source {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
  }
}
