package dev.nightwatch.schema.model;

/** Where a failure cluster stands: never seen before, seen before, or marked fixed by a triager. */
public enum ClusterStatus {
  NEW,
  KNOWN,
  FIXED
}
