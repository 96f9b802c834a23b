package dev.nightwatch.collector.files;

import java.nio.file.Path;

/** A log file that cannot be imported, with a message that names it and says why. */
public final class LogImportException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public LogImportException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file;
  }

  public LogImportException(Path file, String reason, Throwable cause) {
    super(file + ": " + reason, cause);
    this.file = file;
  }

  /** The file that could not be imported. */
  public Path file() {
    return file;
  }
}
