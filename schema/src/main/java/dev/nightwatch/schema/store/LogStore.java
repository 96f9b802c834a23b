package dev.nightwatch.schema.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.schema.dao.LogChunk;
import dev.nightwatch.schema.dao.LogDao;
import dev.nightwatch.schema.model.LogContent;
import dev.nightwatch.schema.model.LogInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores logs as deflate-compressed chunks of about a megabyte cut at line ends, and gives back
 * their raw bytes byte for byte, or a range of their lines, without inflating the whole log.
 */
public final class LogStore {
  /** How logs are compressed, recorded with each log so a later change can tell them apart. */
  public static final String COMPRESSION = "deflate";

  static final int CHUNK_TARGET = 1 << 20;
  static final int CHUNK_MAX = 8 << 20;

  private final Jdbi jdbi;
  private final int chunkTarget;

  public LogStore(Jdbi jdbi) {
    this(jdbi, CHUNK_TARGET);
  }

  LogStore(Jdbi jdbi, int chunkTarget) {
    this.jdbi = jdbi;
    this.chunkTarget = chunkTarget;
  }

  /** Streams the content into a new log of the step, inside the caller's transaction. */
  public LogInfo write(Handle handle, long stepId, String name, LogContent content)
      throws IOException {
    LogDao dao = handle.attach(LogDao.class);
    long logId = dao.insert(stepId, name, COMPRESSION);
    MessageDigest sha = LogDigest.newSha256();
    Utf8Validator utf8 = new Utf8Validator();
    long rawSize = 0;
    long storedSize = 0;
    long nextLine = 1;
    int seq = 0;
    byte[] buffer = new byte[chunkTarget];
    int filled = 0;
    try (InputStream in = content.open()) {
      while (true) {
        filled += in.readNBytes(buffer, filled, buffer.length - filled);
        boolean eof = filled < buffer.length;
        int cut = filled;
        if (!eof) {
          int newline = lastIndexOf(buffer, filled, (byte) '\n');
          if (newline >= 0) {
            cut = newline + 1;
          } else if (buffer.length < CHUNK_MAX) {
            // One line longer than a chunk: grow until it ends, up to CHUNK_MAX.
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, CHUNK_MAX));
            continue;
          }
        }
        if (cut > 0) {
          sha.update(buffer, 0, cut);
          utf8.update(buffer, 0, cut);
          long lines = countLines(buffer, cut);
          byte[] data = deflate(buffer, cut);
          dao.insertChunk(logId, seq++, nextLine, lines, rawSize, cut, data);
          nextLine += lines;
          rawSize += cut;
          storedSize += data.length;
          System.arraycopy(buffer, cut, buffer, 0, filled - cut);
          filled -= cut;
        }
        if (eof) {
          break;
        }
      }
    }
    String digest = HexFormat.of().formatHex(sha.digest());
    dao.finish(logId, rawSize, storedSize, nextLine - 1, digest, utf8.finish());
    return dao.find(logId).orElseThrow();
  }

  /** Opens the log's raw bytes; chunks are read and inflated one at a time as the stream goes. */
  public InputStream open(long logId) {
    return new SequenceInputStream(new ChunkStreams(logId));
  }

  /**
   * Up to {@code max} lines starting at the 1-based line {@code from}, decoded as UTF-8 with
   * replacement, without their line ends; each line is cut at {@code maxLineChars}.
   */
  public List<String> lines(long logId, long from, int max, int maxLineChars) {
    List<String> lines = new ArrayList<>(Math.min(max, 1024));
    Optional<LogChunk> first =
        jdbi.withExtension(LogDao.class, dao -> dao.chunkWithLine(logId, Math.max(1, from)));
    if (first.isEmpty()) {
      return lines;
    }
    long lineNumber = first.get().firstLine();
    int seq = first.get().seq();
    Optional<LogChunk> chunk = first;
    while (chunk.isPresent() && lines.size() < max) {
      byte[] raw = inflate(chunk.get());
      int start = 0;
      while (start < raw.length && lines.size() < max) {
        int end = indexOf(raw, start, (byte) '\n');
        int lineEnd = end < 0 ? raw.length : end;
        if (lineNumber >= from) {
          lines.add(decodeLine(raw, start, lineEnd, maxLineChars));
        }
        lineNumber++;
        start = end < 0 ? raw.length : end + 1;
      }
      int nextSeq = ++seq;
      chunk =
          lines.size() < max
              ? jdbi.withExtension(LogDao.class, dao -> dao.chunk(logId, nextSeq))
              : Optional.empty();
    }
    return lines;
  }

  private static String decodeLine(byte[] raw, int start, int end, int maxChars) {
    int stop = end > start && raw[end - 1] == '\r' ? end - 1 : end;
    // Four bytes per character at most: decode a bounded prefix of a very long line.
    int limit = (int) Math.min(stop, (long) start + 4L * maxChars);
    String line = new String(raw, start, limit - start, UTF_8);
    if (line.length() > maxChars || limit < stop) {
      return line.substring(0, Math.min(line.length(), maxChars))
          + " … [line cut at "
          + maxChars
          + " characters]";
    }
    return line;
  }

  private static long countLines(byte[] bytes, int length) {
    long lines = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    // A chunk that does not end at a line end ends a (partial) line all the same.
    return length > 0 && bytes[length - 1] != '\n' ? lines + 1 : lines;
  }

  private static int lastIndexOf(byte[] bytes, int length, byte b) {
    for (int i = length - 1; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] bytes, int from, byte b) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] deflate(byte[] bytes, int length) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(bytes, 0, length);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
      byte[] buffer = new byte[1 << 16];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(LogChunk chunk) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(chunk.data());
      byte[] raw = new byte[chunk.rawSize()];
      int n = 0;
      while (n < raw.length && !inflater.finished()) {
        int got = inflater.inflate(raw, n, raw.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != raw.length) {
        throw new UncheckedIOException(
            new IOException(
                "log %d chunk %d is damaged: %d of %d bytes"
                    .formatted(chunk.logId(), chunk.seq(), n, raw.length)));
      }
      return raw;
    } catch (DataFormatException e) {
      throw new UncheckedIOException(
          new IOException("log %d chunk %d is damaged".formatted(chunk.logId(), chunk.seq()), e));
    } finally {
      inflater.end();
    }
  }

  /** Fetches and inflates the next chunk when the previous one has been read. */
  private final class ChunkStreams implements Enumeration<InputStream> {
    private final long logId;
    private int seq;
    private Optional<LogChunk> next;

    ChunkStreams(long logId) {
      this.logId = logId;
      this.next = fetch(0);
    }

    private Optional<LogChunk> fetch(int seq) {
      return jdbi.withExtension(LogDao.class, dao -> dao.chunk(logId, seq));
    }

    @Override
    public boolean hasMoreElements() {
      return next.isPresent();
    }

    @Override
    public InputStream nextElement() {
      LogChunk chunk = next.orElseThrow(NoSuchElementException::new);
      next = fetch(++seq);
      return new ByteArrayInputStream(inflate(chunk));
    }
  }
}
