package dev.nightwatch.schema.store;

import dev.nightwatch.schema.model.LogContent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 and size of a log's raw bytes: what decides whether a stored log changed. */
public record LogDigest(String sha256, long size) {

  /** Reads the content once, streaming, and digests it. */
  public static LogDigest of(LogContent content) throws IOException {
    MessageDigest sha = newSha256();
    long size = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = content.open()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
        size += n;
      }
    }
    return new LogDigest(HexFormat.of().formatHex(sha.digest()), size);
  }

  /** Wraps a stream so that, once it has been read to its end, it tells the digest of its bytes. */
  public static Digesting digesting(InputStream in) {
    return new Digesting(in);
  }

  /** A stream that digests what passes through it. */
  public static final class Digesting extends FilterInputStream {
    private final MessageDigest sha = newSha256();
    private long size;

    private Digesting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        sha.update((byte) b);
        size++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        sha.update(b, off, n);
        size += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("a digesting stream is read, not skipped");
    }

    /** Reads what is left, then gives the digest of everything. */
    public LogDigest finish() throws IOException {
      transferTo(OutputStream.nullOutputStream());
      return new LogDigest(HexFormat.of().formatHex(sha.digest()), size);
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
