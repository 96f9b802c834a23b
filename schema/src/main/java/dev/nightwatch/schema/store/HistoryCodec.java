package dev.nightwatch.schema.store;

import dev.nightwatch.schema.model.TestRun;
import dev.nightwatch.schema.model.TestStatus;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs a test's runs on one builder into a few bytes each: a format byte, the count, then per run
 * the zig-zag varint deltas of build id, build number and finish time (seconds) and one byte of
 * status (a fixed code, not the enum's ordinal) and incident flag.
 */
public final class HistoryCodec {
  private static final int FORMAT = 1;

  /** Status codes; never reorder, only append. */
  private static final TestStatus[] CODES = {
    TestStatus.PASSED,
    TestStatus.FAILED,
    TestStatus.FAILED_AGAIN,
    TestStatus.FLAKY,
    TestStatus.SKIPPED,
    TestStatus.ENV_CHANGED,
    TestStatus.TIMED_OUT,
    TestStatus.CRASHED,
    TestStatus.LEAKED
  };

  private HistoryCodec() {}

  public static byte[] encode(List<TestRun> runs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 + runs.size() * 6);
    out.write(FORMAT);
    varint(out, runs.size());
    long id = 0;
    long number = 0;
    long seconds = 0;
    for (TestRun r : runs) {
      varint(out, zigzag(r.buildId() - id));
      varint(out, zigzag(r.buildNumber() - number));
      long s = r.finishedAt().getEpochSecond();
      varint(out, zigzag(s - seconds));
      out.write(code(r.status()) | (r.incident() ? 0x80 : 0));
      id = r.buildId();
      number = r.buildNumber();
      seconds = s;
    }
    return out.toByteArray();
  }

  public static List<TestRun> decode(byte[] bytes) {
    int[] at = {0};
    if (bytes.length == 0 || bytes[at[0]++] != FORMAT) {
      throw new IllegalArgumentException("not a test history (format byte)");
    }
    int n = (int) readVarint(bytes, at);
    List<TestRun> runs = new ArrayList<>(n);
    long id = 0;
    long number = 0;
    long seconds = 0;
    for (int i = 0; i < n; i++) {
      id += unzigzag(readVarint(bytes, at));
      number += unzigzag(readVarint(bytes, at));
      seconds += unzigzag(readVarint(bytes, at));
      int b = bytes[at[0]++] & 0xff;
      runs.add(
          new TestRun(
              id, (int) number, Instant.ofEpochSecond(seconds), CODES[b & 0x7f], (b & 0x80) != 0));
    }
    return runs;
  }

  private static int code(TestStatus s) {
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == s) {
        return i;
      }
    }
    throw new IllegalArgumentException("no code for " + s);
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] bytes, int[] at) {
    long v = 0;
    int shift = 0;
    while (true) {
      byte b = bytes[at[0]++];
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
      if (shift > 63) {
        throw new IllegalArgumentException("varint too long");
      }
    }
  }
}
