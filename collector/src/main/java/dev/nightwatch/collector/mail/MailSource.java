package dev.nightwatch.collector.mail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Mail on disk, message by message: an {@code .eml} file is one message; an mbox file (Mailman's
 * monthly {@code YYYY-Month.txt}, gzipped or not, or any file that starts with a {@code From }
 * line) holds many; a Maildir ({@code cur/} and {@code new/}) one per file; any other directory is
 * walked for these. Each message comes with where it came from ({@code file#N} for the N-th of an
 * mbox) and how far through the bytes of all the files the reading is, for progress.
 */
public final class MailSource {
  /** One message's bytes and its origin. */
  public record Raw(String origin, byte[] bytes) {}

  /** Takes each message as it is read; {@code done} and {@code total} are bytes of the files. */
  @FunctionalInterface
  public interface Sink {
    void accept(Raw message, long done, long total) throws IOException;
  }

  private MailSource() {}

  /** The files the paths name, as they will be read (Maildirs and directories expanded). */
  public static List<Path> files(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IOException(p + ": no such file or directory");
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(f -> !f.getParent().getFileName().toString().equals("tmp"))
              .sorted()
              .forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Reads every message of the paths, in order, telling {@code sink} of each. */
  public static void read(List<Path> paths, Sink sink) throws IOException {
    List<Path> files = files(paths);
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    long done = 0;
    for (Path f : files) {
      long size = Files.size(f);
      long base = done;
      long all = total;
      if (isMbox(f)) {
        int[] n = {0};
        // Progress within a large mbox: the bytes of the file read so far (before gunzip).
        long[] read = {0};
        InputStream file =
            new java.io.FilterInputStream(Files.newInputStream(f)) {
              @Override
              public int read() throws IOException {
                int b = super.read();
                read[0] += b < 0 ? 0 : 1;
                return b;
              }

              @Override
              public int read(byte[] buf, int off, int len) throws IOException {
                int k = super.read(buf, off, len);
                read[0] += Math.max(k, 0);
                return k;
              }
            };
        try (InputStream in = open(f, file)) {
          split(in, bytes -> sink.accept(new Raw(f + "#" + ++n[0], bytes), base + read[0], all));
        }
      } else {
        byte[] bytes;
        try (InputStream in = open(f, Files.newInputStream(f))) {
          bytes = in.readAllBytes();
        }
        sink.accept(new Raw(f.toString(), bytes), base + size, all);
      }
      done += size;
    }
  }

  private static InputStream open(Path f, InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw);
    return f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  /** An mbox: by name ({@code .mbox}, {@code .txt}, {@code .txt.gz}), or a first "From " line. */
  static boolean isMbox(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (name.endsWith(".mbox") || name.endsWith(".txt") || name.endsWith(".txt.gz")) {
      return true;
    }
    if (name.endsWith(".gz")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(f)) {
      byte[] head = in.readNBytes(5);
      return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
    }
  }

  /** Takes one message's bytes. */
  @FunctionalInterface
  interface Messages {
    void accept(byte[] message) throws IOException;
  }

  /**
   * Splits an mbox on its {@code From } separator lines (at the start, or after an empty line),
   * dropping them and undoing mboxrd's quoting ({@code >From } → {@code From }).
   */
  static void split(InputStream in, Messages messages) throws IOException {
    ByteArrayOutputStream current = null;
    boolean previousBlank = true;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    do {
      b = in.read();
      if (b != -1) {
        line.write(b);
      }
      if (b == '\n' || (b == -1 && line.size() > 0)) {
        byte[] l = line.toByteArray();
        line.reset();
        boolean separator = previousBlank && startsWith(l, 0, "From ");
        if (separator) {
          if (current != null && current.size() > 0) {
            messages.accept(current.toByteArray());
          }
          current = new ByteArrayOutputStream();
        } else {
          if (current == null) {
            current = new ByteArrayOutputStream(); // no separator first: one plain message
          }
          int quotes = 0;
          while (quotes < l.length && l[quotes] == '>') {
            quotes++;
          }
          if (quotes > 0 && startsWith(l, quotes, "From ")) {
            current.write(l, 1, l.length - 1);
          } else {
            current.write(l);
          }
        }
        previousBlank = l.length == 1 || (l.length == 2 && l[0] == '\r');
      }
    } while (b != -1);
    if (current != null && current.size() > 0) {
      messages.accept(current.toByteArray());
    }
  }

  private static boolean startsWith(byte[] line, int at, String prefix) {
    if (line.length - at < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
