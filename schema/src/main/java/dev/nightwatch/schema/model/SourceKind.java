package dev.nightwatch.schema.model;

/** Where builds come from: a Buildbot master's API, its failure mail, or log files on disk. */
public enum SourceKind {
  BUILDBOT,
  MAIL,
  FILES
}
