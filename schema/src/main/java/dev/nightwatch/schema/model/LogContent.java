package dev.nightwatch.schema.model;

import java.io.IOException;
import java.io.InputStream;

/** The raw bytes of a log, which can be opened more than once (a file, a downloaded temp file). */
@FunctionalInterface
public interface LogContent {
  /** Opens a new stream over the log's bytes; the caller closes it. */
  InputStream open() throws IOException;
}
