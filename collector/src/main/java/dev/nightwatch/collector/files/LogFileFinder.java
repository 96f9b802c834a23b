package dev.nightwatch.collector.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the paths given to an import into log files: a file stands for itself, a directory for
 * every regular file under it that is not hidden or a sidecar, in name order.
 */
public final class LogFileFinder {
  private LogFileFinder() {}

  /** One path to import, or a directory that could not be listed. */
  public record Found(Path path, String error) {
    /** True when the path could not even be listed. */
    public boolean failed() {
      return error != null;
    }
  }

  /** Expands the inputs; a path that does not exist is kept so the import reports it. */
  public static List<Found> expand(List<Path> inputs) {
    List<Found> found = new ArrayList<>();
    for (Path input : inputs) {
      if (!Files.isDirectory(input)) {
        found.add(new Found(input, null));
        continue;
      }
      try (Stream<Path> walk = Files.walk(input)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> !LogFileReader.isSidecarOrHidden(p))
            .sorted()
            .forEach(p -> found.add(new Found(p, null)));
      } catch (IOException | UncheckedIOException e) {
        found.add(new Found(input, "cannot list directory: " + e.getMessage()));
      }
    }
    return found;
  }
}
