package dev.nightwatch.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenGuessesTest {
  /** A clock the test moves. */
  private static final class Moving extends Clock {
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    void pass(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final Moving clock = new Moving();
  private final TokenGuesses guesses = new TokenGuesses(3, Duration.ofMinutes(10), clock);

  @Test
  void anAddressIsTurnedAwayAfterTheLimitUntilItsWindowEnds() {
    guesses.wrong("10.0.0.1");
    clock.pass(Duration.ofMinutes(1));
    guesses.wrong("10.0.0.1");
    assertThat(guesses.waitFor("10.0.0.1")).isEmpty();

    clock.pass(Duration.ofMinutes(1));
    guesses.wrong("10.0.0.1");
    // The window runs from the first wrong token: 10 minutes, 2 of them gone.
    assertThat(guesses.waitFor("10.0.0.1")).contains(Duration.ofMinutes(8));
    assertThat(guesses.waitFor("10.0.0.2")).isEmpty();

    // More wrong tokens while turned away do not lengthen the wait.
    guesses.wrong("10.0.0.1");
    clock.pass(Duration.ofMinutes(7));
    assertThat(guesses.waitFor("10.0.0.1")).contains(Duration.ofMinutes(1));
    clock.pass(Duration.ofMinutes(1));
    assertThat(guesses.waitFor("10.0.0.1")).isEmpty();
  }

  @Test
  void aWrongTokenAfterTheWindowStartsANewOne() {
    guesses.wrong("::1");
    guesses.wrong("::1");
    clock.pass(Duration.ofMinutes(10));
    guesses.wrong("::1");
    guesses.wrong("::1");
    assertThat(guesses.waitFor("::1")).isEmpty();
    guesses.wrong("::1");
    assertThat(guesses.waitFor("::1")).contains(Duration.ofMinutes(10));
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new TokenGuesses(0, Duration.ofMinutes(1), clock))
        .hasMessageContaining("at least 1");
  }
}
