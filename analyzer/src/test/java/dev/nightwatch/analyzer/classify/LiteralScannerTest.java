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
}
