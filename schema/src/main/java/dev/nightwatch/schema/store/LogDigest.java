package dev.nightwatch.schema.store;

import dev.nightwatch.schema.model.LogContent;
import java.io.IOException;
import java.io.InputStream;
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

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
