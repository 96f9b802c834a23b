import unittest


def parse_version(text):
    major, minor = text.split(".")
    return int(major), int(minor)


class VersionTests(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(parse_version("3.14"), (3, 14))

    def test_parse_patch(self):
        self.assertEqual(parse_version("3.14.1"), (3, 14, 1))


if __name__ == "__main__":
    unittest.main()
