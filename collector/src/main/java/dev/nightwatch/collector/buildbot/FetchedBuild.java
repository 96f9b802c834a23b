package dev.nightwatch.collector.buildbot;

import dev.nightwatch.schema.model.BuildRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A build fetched from a master, ready to ingest: the record (its logs are files in a temporary
 * directory) and what could not be fetched (logs that answered 404). Closing it deletes the files.
 */
public record FetchedBuild(BuildRecord record, List<Skip> skipped, Path dir)
    implements AutoCloseable {
  /** Something a master no longer had (404) or would not give, recorded and passed over. */
  public record Skip(String url, int status, String message) {}

  public FetchedBuild {
    skipped = List.copyOf(skipped);
  }

  @Override
  public void close() {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
