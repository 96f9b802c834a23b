package dev.nightwatch.analyzer.log;

import java.io.InputStream;
import java.util.Arrays;

/** A stream of one byte repeated {@code size} times, made as it is read: any size, no memory. */
public final class RepeatedByteStream extends InputStream {
  private final byte value;
  private long left;

  public RepeatedByteStream(byte value, long size) {
    this.value = value;
    this.left = size;
  }

  @Override
  public int read() {
    return left-- > 0 ? value & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, left);
    Arrays.fill(b, off, off + n, value);
    left -= n;
    return n;
  }
}
