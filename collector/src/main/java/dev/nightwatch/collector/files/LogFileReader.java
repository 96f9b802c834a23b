package dev.nightwatch.collector.files;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one buildbot stdio log file into a {@link BuildRecord}. Metadata comes from a sidecar JSON
 * beside the log, else from the file: {@code BUILDER/NUMBER.log} or {@code BUILDER-NUMBER.log} name
 * the builder and number, any other name is builder {@code NAME} build 1; the result comes from
 * Buildbot's closing "program finished with exit code N" line and the finish time from the file's
 * modification time.
 */
public final class LogFileReader {
  /** The source name of builds imported from files, unless a sidecar names a master. */
  public static final String DEFAULT_SOURCE = "files";

  private static final int SNIFF_BYTES = 8192;
  private static final int TAIL_BYTES = 64 * 1024;
  // "AMD64 Debian 3.x-1234", "builder_12", "builder#7", "builder.7": a separator, then digits.
  private static final Pattern BUILDER_AND_NUMBER = Pattern.compile("^(.+?)[-_#.](\\d{1,9})$");
  private static final Pattern DIGITS = Pattern.compile("^\\d{1,9}$");

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final long maxBytes;

  /** A reader that refuses logs larger than {@code maxBytes}. */
  public LogFileReader(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Reads the file's metadata and checks that it is a log worth storing; does not read it whole.
   */
  private static List<Change> changes(Path file, LogSidecar sidecar) throws LogImportException {
    List<Change> out = new java.util.ArrayList<>();
    for (LogSidecar.Commit c : sidecar.changes()) {
      if (c == null || c.revision() == null || c.revision().isBlank()) {
        throw new LogImportException(file, "sidecar change without a revision");
      }
      out.add(
          new Change(
              c.revision(), c.author(), c.message(), sidecar.repository(), sidecar.branch(), null));
    }
    return out;
  }

  public BuildRecord read(Path file) throws LogImportException {
    long size = checkReadable(file);
    sniff(file);
    LogSidecar sidecar = sidecar(file);
    String stem = stem(file);
    String builder = firstNonBlank(sidecar.builder(), defaultBuilder(file, stem));
    int number = sidecar.number() != null ? sidecar.number() : defaultNumber(file, stem);
    BuildResult result =
        sidecar.result() != null ? parseResult(file, sidecar.result()) : resultFromTail(file, size);
    Instant finished = sidecar.finished() != null ? sidecar.finished() : modified(file);
    String stepName = firstNonBlank(sidecar.step(), "log");
    StepRecord step =
        new StepRecord(
            null,
            stepName,
            result,
            null,
            sidecar.started(),
            finished,
            List.of(
                new LogRecord(
                    firstNonBlank(sidecar.log(), "stdio"), () -> Files.newInputStream(file))));
    return new BuildRecord(
        firstNonBlank(sidecar.master(), DEFAULT_SOURCE),
        SourceKind.FILES,
        null,
        builder,
        null,
        number,
        sidecar.buildId(),
        sidecar.revision(),
        sidecar.branch(),
        sidecar.repository(),
        result,
        null,
        sidecar.reason(),
        sidecar.started(),
        finished,
        sidecar.url(),
        sidecar.worker(),
        changes(file, sidecar),
        List.of(step));
  }

  /** True for files that are sidecars or hidden, which a directory import passes over. */
  public static boolean isSidecarOrHidden(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") || name.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private long checkReadable(Path file) throws LogImportException {
    if (!Files.exists(file)) {
      throw new LogImportException(file, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new LogImportException(file, "not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new LogImportException(file, "not readable (permission denied)");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new LogImportException(file, "cannot read its size: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new LogImportException(file, "empty file: there is no log to import");
    }
    if (size > maxBytes) {
      throw new LogImportException(
          file,
          "%,d bytes is more than the %,d-byte limit (logs.maxBytes)".formatted(size, maxBytes));
    }
    return size;
  }

  /** Rejects binary files the way git tells them: a NUL byte in the first 8 KiB. */
  private static void sniff(Path file) throws LogImportException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(SNIFF_BYTES);
    } catch (AccessDeniedException e) {
      throw new LogImportException(file, "not readable (permission denied)", e);
    } catch (IOException e) {
      throw new LogImportException(file, "cannot be read: " + e.getMessage(), e);
    }
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        throw new LogImportException(
            file, "not a text log: binary data (a NUL byte at offset %d)".formatted(i));
      }
    }
  }

  private LogSidecar sidecar(Path file) throws LogImportException {
    Optional<Path> sidecar = sidecarOf(file);
    if (sidecar.isEmpty()) {
      return LogSidecar.EMPTY;
    }
    try {
      LogSidecar parsed = json.readValue(sidecar.get().toFile(), LogSidecar.class);
      if (parsed == null) {
        throw new LogImportException(sidecar.get(), "sidecar is empty (null)");
      }
      if (parsed.number() != null && parsed.number() < 0) {
        throw new LogImportException(sidecar.get(), "number must not be negative");
      }
      return parsed;
    } catch (UnrecognizedPropertyException e) {
      throw new LogImportException(
          sidecar.get(),
          "unknown field \"%s\" in sidecar; known fields: %s"
              .formatted(
                  e.getPropertyName(),
                  e.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .sorted()
                      .collect(Collectors.joining(", "))),
          e);
    } catch (JsonProcessingException e) {
      throw new LogImportException(
          sidecar.get(), "sidecar is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new LogImportException(sidecar.get(), "sidecar cannot be read: " + e.getMessage(), e);
    }
  }

  /** {@code x.log.json} beside {@code x.log}, else {@code x.json}. */
  static Optional<Path> sidecarOf(Path file) {
    Path full = file.resolveSibling(file.getFileName() + ".json");
    if (Files.isRegularFile(full)) {
      return Optional.of(full);
    }
    Path stem = file.resolveSibling(stem(file) + ".json");
    return !stem.equals(file) && Files.isRegularFile(stem) ? Optional.of(stem) : Optional.empty();
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String defaultBuilder(Path file, String stem) {
    if (DIGITS.matcher(stem).matches()) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && parent.getFileName() != null) {
        return parent.getFileName().toString();
      }
    }
    Matcher m = BUILDER_AND_NUMBER.matcher(stem);
    return m.matches() ? m.group(1) : stem;
  }

  private static int defaultNumber(Path file, String stem) {
    if (DIGITS.matcher(stem).matches() && file.toAbsolutePath().getParent() != null) {
      return Integer.parseInt(stem);
    }
    Matcher m = BUILDER_AND_NUMBER.matcher(stem);
    return m.matches() ? Integer.parseInt(m.group(2)) : 1;
  }

  private static BuildResult parseResult(Path file, String value) throws LogImportException {
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (v.matches("\\d")) {
      return BuildResult.fromBuildbotCode(Integer.parseInt(v));
    }
    try {
      return BuildResult.valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new LogImportException(
          file,
          "result \"%s\" in the sidecar is not a Buildbot result code (0-6) or one of %s"
              .formatted(value, Arrays.toString(BuildResult.values())));
    }
  }

  private static BuildResult resultFromTail(Path file, long size) throws LogImportException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      int length = (int) Math.min(size, TAIL_BYTES);
      byte[] tail = new byte[length];
      raf.seek(size - length);
      raf.readFully(tail);
      return BuildbotLogTail.result(new String(tail, UTF_8));
    } catch (IOException e) {
      throw new LogImportException(file, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static Instant modified(Path file) throws LogImportException {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException e) {
      throw new LogImportException(file, "no such file", e);
    } catch (IOException e) {
      throw new LogImportException(file, "cannot read its time: " + e.getMessage(), e);
    }
  }

  private static String firstNonBlank(String value, String fallback) {
    return value != null && !value.isBlank() ? value.strip() : fallback;
  }
}
