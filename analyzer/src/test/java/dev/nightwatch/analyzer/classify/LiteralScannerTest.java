package dev.nightwatch.analyzer.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralScannerTest {
  private final LiteralScanner scanner = new LiteralScanner(List.of("error: ", "] test", "\0"));

  @Test
  void findsALiteralAnywhereInTheLine() {
    assertThat(scanner.any("x.c:1:2: error: boom")).isTrue();
    assertThat(scanner.any("0:00:01 load avg: 1.0 [ 1/2] test_os passed")).isTrue();
    assertThat(scanner.any("error: ")).isTrue();
    assertThat(scanner.any("a\0b")).isTrue();
  }

  @Test
  void findsNothingInOtherLines() {
    assertThat(scanner.any("")).isFalse();
    assertThat(scanner.any("error:")).isFalse();
    assertThat(scanner.any("all 16 tests OK, no errors")).isFalse();
  }

  @Test
  void nonAsciiTextIsScannedToo() {
    assertThat(scanner.any("gcc: ‘x’ → error: ü")).isTrue();
    assertThat(scanner.any("‘cary’ undeclared ⚠")).isFalse();
  }

  @Test
  void agreesWithStringContainsOnEveryRuleLiteralAndLine() {
    LiteralScanner rules = new LiteralScanner(Rules.LITERALS);
    List<String> lines =
        List.of(
            "/usr/bin/ld.bfd: final link failed: No space left on device",
            "0:00:01 load avg: 1.0 [ 1/2] test_os passed",
            "test_x (test.test_y.Z.test_x) ... ok",
            "x.c:1:2: error: boom",
            "make: *** [Makefile:9: all] Error 2",
            "The requested URL returned error: 502",
            "",
            "plain text with an éaccent");
    for (String line : lines) {
      boolean expected = Rules.LITERALS.stream().anyMatch(line::contains);
      assertThat(rules.any(line)).as(line).isEqualTo(expected);
    }
  }
}
