package dev.nightwatch.web.ingest;

import dev.nightwatch.collector.files.LogFileFinder;
import dev.nightwatch.collector.files.LogFileReader;
import dev.nightwatch.collector.files.LogImportException;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.store.BuildWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jdbi.v3.core.JdbiException;

/**
 * Imports buildbot stdio log files: each file is read, checked, analysed and stored as one build in
 * its own transaction, so one bad file never stops the others or leaves half a build behind.
 */
public final class LogImport {
  /** What happened to one file: stored (with the outcome) or failed (with the error). */
  public record FileResult(Path file, BuildWriter.Outcome outcome, Long buildId, String message) {
    /** True when the file could not be imported. */
    public boolean failed() {
      return outcome == null;
    }

    /** One line for a person: what was stored, or why not. */
    @Override
    public String toString() {
      return failed()
          ? "failed     " + message
          : "%-10s %s → build %d (%s)"
              .formatted(outcome.name().toLowerCase(Locale.ROOT), file, buildId, message);
    }
  }

  /** All files' results, in the order they were imported. */
  public record Report(List<FileResult> files) {
    public Report {
      files = List.copyOf(files);
    }

    /** How many files could not be imported. */
    public long failures() {
      return files.stream().filter(FileResult::failed).count();
    }

    /** How many files had the given outcome. */
    public long count(BuildWriter.Outcome outcome) {
      return files.stream().filter(f -> f.outcome() == outcome).count();
    }

    /** One line for a person: how many files were created, updated, unchanged and failed. */
    public String summary() {
      return "%d files: %d created, %d updated, %d unchanged, %d failed"
          .formatted(
              files.size(),
              count(BuildWriter.Outcome.CREATED),
              count(BuildWriter.Outcome.UPDATED),
              count(BuildWriter.Outcome.UNCHANGED),
              failures());
    }
  }

  private final LogFileReader reader;
  private final BuildIngest ingest;

  public LogImport(LogFileReader reader, BuildIngest ingest) {
    this.reader = reader;
    this.ingest = ingest;
  }

  /** Imports every log file the paths name, telling {@code progress} about each as it goes. */
  public Report run(List<Path> paths, Consumer<FileResult> progress) {
    List<FileResult> results = new ArrayList<>();
    for (LogFileFinder.Found found : LogFileFinder.expand(paths)) {
      FileResult result =
          found.failed()
              ? new FileResult(found.path(), null, null, found.path() + ": " + found.error())
              : importFile(found.path());
      results.add(result);
      progress.accept(result);
    }
    return new Report(results);
  }

  private FileResult importFile(Path file) {
    try {
      BuildRecord build = reader.read(file);
      BuildWriter.Result written = ingest.ingest(build);
      String what = "%s #%d, %s".formatted(build.builderName(), build.number(), build.result());
      return new FileResult(file, written.outcome(), written.buildId(), what);
    } catch (LogImportException e) {
      return new FileResult(file, null, null, e.getMessage());
    } catch (IOException | JdbiException | IllegalArgumentException e) {
      return new FileResult(file, null, null, file + ": not stored: " + e.getMessage());
    }
  }
}
