import threading
import unittest


class HangTests(unittest.TestCase):
    def test_deadlock(self):
        # Waits for an event nobody sets, as a deadlocked test does.
        threading.Event().wait(120)


if __name__ == "__main__":
    unittest.main()
