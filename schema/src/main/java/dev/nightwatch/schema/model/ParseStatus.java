package dev.nightwatch.schema.model;

/** Whether a raw input (a mail, a file) could be turned into a build. */
public enum ParseStatus {
  PARSED,
  FAILED,
  IGNORED
}
