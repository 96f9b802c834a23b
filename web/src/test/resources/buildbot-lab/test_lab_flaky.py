import os
import unittest

# Fails the first time it runs in a build and passes when regrtest re-runs it, as a test that
# races a timer does: the marker file is the state that survives into the re-run.
MARKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flaky.marker")


class RaceTests(unittest.TestCase):
    def test_timer_race(self):
        if not os.path.exists(MARKER):
            open(MARKER, "w").close()
            self.fail("timer fired late: 0.31 s > 0.25 s")

    def test_steady(self):
        self.assertTrue(True)


if __name__ == "__main__":
    unittest.main()
