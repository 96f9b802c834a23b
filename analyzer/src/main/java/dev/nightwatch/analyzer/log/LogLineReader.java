package dev.nightwatch.analyzer.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Reads a log line by line from a stream of any size: splits on LF, drops a CR before it, decodes
 * UTF-8 with replacement, removes ANSI colour codes, strips exactly one stream-prefix character
 * from prefixed logs, and keeps at most {@link #MAX_LINE_BYTES} bytes of a line (the rest is
 * skipped, the line still counts as one). Never throws on content; only I/O errors escape.
 */
public final class LogLineReader implements Closeable {
  /** How much of one line is kept; a longer line is cut, never buffered whole. */
  public static final int MAX_LINE_BYTES = 16 * 1024;

  private static final int SNIFF_LINES = 32;
  // CSI sequences ("\e[1;31m", "\e[K") and two-character escapes ("\e(B").
  private static final Pattern ANSI =
      Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|[@-Z\\\\-_(][0-9A-Za-z]?)");

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[256];
  private int lineLength;
  private final Deque<String> sniffed = new ArrayDeque<>();
  private boolean prefixed;
  private long number;
  private String text;
  private boolean truncated;

  public LogLineReader(InputStream in, LogFormat format) throws IOException {
    this.in = in;
    if (format == LogFormat.AUTO) {
      sniff();
    } else {
      prefixed = format == LogFormat.PREFIXED;
    }
  }

  /** Advances to the next line; false at the end of the log. */
  public boolean next() throws IOException {
    String raw = sniffed.isEmpty() ? readRaw() : sniffed.poll();
    if (raw == null) {
      return false;
    }
    number++;
    text = clean(raw);
    return true;
  }

  /** The current line's 1-based number. */
  public long number() {
    return number;
  }

  /** The current line's text, cleaned. */
  public String text() {
    return text;
  }

  /** True when the log was read as stream-prefixed. */
  public boolean prefixed() {
    return prefixed;
  }

  /** True when some line was longer than {@link #MAX_LINE_BYTES} and was cut. */
  public boolean truncated() {
    return truncated;
  }

  private String clean(String raw) {
    String s = raw;
    if (prefixed && !s.isEmpty()) {
      s = s.substring(1);
    }
    if (s.indexOf('\u001B') >= 0) {
      s = ANSI.matcher(s).replaceAll("");
    }
    return s;
  }

  /** Reads ahead a few lines to tell Buildbot's prefixed form from plain text. */
  private void sniff() throws IOException {
    boolean allPrefixed = true;
    for (int i = 0; i < SNIFF_LINES; i++) {
      String raw = readRaw();
      if (raw == null) {
        break;
      }
      sniffed.add(raw);
      if (!raw.isEmpty() && "oeh".indexOf(raw.charAt(0)) < 0) {
        allPrefixed = false;
      }
    }
    // Buildbot's /contents logs open with the step's header lines ("hmake buildbottest …").
    prefixed = allPrefixed && !sniffed.isEmpty() && sniffed.peek().startsWith("h");
  }

  /** One line as decoded text without its line end, or null at the end of the stream. */
  private String readRaw() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (position == limit) {
        if (eof || !fill()) {
          return any ? finishLine() : null;
        }
      }
      any = true;
      int start = position;
      int newline = -1;
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      int end = newline < 0 ? limit : newline;
      append(start, end - start);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        return finishLine();
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      eof = true;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  private void append(int from, int length) {
    int room = MAX_LINE_BYTES - lineLength;
    if (length > room) {
      truncated = true;
      length = Math.max(0, room);
    }
    if (length == 0) {
      return;
    }
    if (lineLength + length > line.length) {
      line =
          Arrays.copyOf(
              line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, lineLength + length)));
    }
    System.arraycopy(buffer, from, line, lineLength, length);
    lineLength += length;
  }

  private String finishLine() {
    int length = lineLength;
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, UTF_8);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
