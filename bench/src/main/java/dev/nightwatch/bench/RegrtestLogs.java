package dev.nightwatch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.util.Random;

/**
 * Generates large logs shaped like a buildbot test step of CPython: mostly regrtest progress lines
 * of both generations, unittest verbose lines from re-runs, and now and then a failure with its
 * traceback, a warning or a compiler message, with test names and numbers varied.
 */
final class RegrtestLogs {
  private static final String[] MODULES = {
    "test_os",
    "test_sys",
    "test_asyncio.test_tasks",
    "test_ssl",
    "test_socket",
    "test_json",
    "test_multiprocessing_fork.test_processes",
    "test_ftplib",
    "test_signal",
    "test_math",
    "test_concurrent_futures",
    "test_io",
    "test_unicode",
    "test_re",
    "test_subprocess"
  };

  private RegrtestLogs() {}

  /** A log of about {@code size} bytes, the same for the same seed. */
  static byte[] generate(int size, long seed) {
    try (InputStream in = stream(size, seed)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same log as a stream, generated as it is read: any size in constant memory. */
  static InputStream stream(long size, long seed) {
    Random random = new Random(seed);
    return new InputStream() {
      private byte[] chunk = new byte[0];
      private int position;
      private long produced;
      private long line;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (position == chunk.length) {
          if (produced >= size) {
            return -1;
          }
          chunk = block(random, line).getBytes(UTF_8);
          line += 100;
          position = 0;
          produced += chunk.length;
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
      }
    };
  }

  /** A hundred-odd lines of a test run. */
  private static String block(Random random, long first) {
    StringBuilder s = new StringBuilder(8192);
    for (int i = 0; i < 100; i++) {
      String module =
          MODULES[random.nextInt(MODULES.length)]
              + (random.nextInt(40) == 0 ? "" : "_" + random.nextInt(30));
      long n = first + i;
      int pick = random.nextInt(100);
      String clock = "%d:%02d:%02d".formatted(n / 3600 % 10, n / 60 % 60, n % 60);
      if (pick < 60) {
        s.append(clock)
            .append(" load avg: ")
            .append(random.nextInt(9))
            .append('.')
            .append(random.nextInt(90) + 10)
            .append(" [")
            .append(n % 450)
            .append("/450] ")
            .append(module)
            .append(" passed");
        if (random.nextInt(5) == 0) {
          s.append(" -- running (2): test_io (")
              .append(random.nextInt(50) + 30)
              .append(".2 sec), test_os (31.0 sec)");
        }
        s.append('\n');
      } else if (pick < 70) {
        s.append("0:00:")
            .append(random.nextInt(50) + 10)
            .append(" [ ")
            .append(n % 434)
            .append("/434] ")
            .append(module)
            .append('\n');
      } else if (pick < 95) {
        s.append("test_case_")
            .append(random.nextInt(400))
            .append(" (test.")
            .append(module)
            .append(".Tests.test_case_")
            .append(random.nextInt(400))
            .append(") ... ")
            .append(random.nextInt(30) == 0 ? "skipped 'requires network'" : "ok")
            .append('\n');
      } else if (pick < 97) {
        s.append("  File \"/home/buildbot/buildarea/3.x.worker/build/Lib/test/")
            .append(module.replace('.', '/'))
            .append(".py\", line ")
            .append(random.nextInt(3000))
            .append(", in test_case\n");
      } else if (pick < 98) {
        s.append("Modules/_testcapimodule.c:")
            .append(random.nextInt(4000))
            .append(":12: warning: unused variable 'x' [-Wunused-variable]\n");
      } else if (pick < 99) {
        s.append("----------------------------------------------------------------------\nRan ")
            .append(random.nextInt(300))
            .append(" tests in ")
            .append(random.nextInt(90))
            .append(".123s\n\nOK (skipped=2)\n");
      } else {
        s.append("======================================================================\n")
            .append("FAIL: test_storlines (test.test_ftplib.TestFTPClass.test_storlines)\n")
            .append("----------------------------------------------------------------------\n")
            .append("Traceback (most recent call last):\n")
            .append(
                "  File \"/home/buildbot/buildarea/3.x.worker/build/Lib/test/test_ftplib.py\", line 634, in test_storlines\n")
            .append(
                "    self.check_data(self.server.handler_instance.last_received_data, RETR_DATA)\n")
            .append("AssertionError: ")
            .append(12000 + random.nextInt(30))
            .append(" != 12018\n\n");
      }
    }
    return s.toString();
  }
}
