package dev.nightwatch.web;

/** Log text for tests: a regrtest failure as CPython's fleet prints it. */
public final class TestLogs {
  private TestLogs() {}

  /** test_ftplib failing with {@code AssertionError: ACTUAL != EXPECTED}, then the run's result. */
  public static String ftpFailure(String actual, String expected) {
    return """
        ======================================================================
        FAIL: test_storlines (test.test_ftplib.TestFTPClass.test_storlines)
        ----------------------------------------------------------------------
        Traceback (most recent call last):
          File "/home/buildbot/buildarea/3.x/build/Lib/test/test_ftplib.py", line 635, in t
            self.assertEqual(len(data), 12018)
        AssertionError: %s != %s

        test test_ftplib failed
        == Tests result: FAILURE ==
        """
        .formatted(actual, expected);
  }
}
