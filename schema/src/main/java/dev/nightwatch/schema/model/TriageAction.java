package dev.nightwatch.schema.model;

/** What a triager did to a cluster. */
public enum TriageAction {
  /** Moved all its failures into another cluster, and the failures to come with them. */
  MERGE,
  /** Moved some of its failures, by signature, into a new cluster. */
  SPLIT,
  /** Linked it to an issue in a tracker. */
  LINK_ISSUE,
  /** Said it is fixed: a failure after this reopens it. */
  MARK_FIXED,
  /** Took back a fix. */
  REOPEN
}
