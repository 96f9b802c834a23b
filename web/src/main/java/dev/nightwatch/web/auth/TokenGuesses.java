package dev.nightwatch.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wrong tokens per client address — at sign-in or as a bearer header. After {@code limit} of them
 * within {@code window} of the first, the address is turned away until that window ends, so tokens
 * cannot be guessed at the server's speed. The addresses are kept in memory, at most {@link
 * #ADDRESSES} of them (the least recent go first).
 */
public final class TokenGuesses {
  /** How many addresses are remembered at once. */
  static final int ADDRESSES = 100_000;

  /** An address's wrong tokens since the first one of its window. */
  private record Window(Instant start, int wrong) {}

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Window> byAddress;

  public TokenGuesses(int limit, Duration window, Clock clock) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.byAddress =
        Caffeine.newBuilder()
            .maximumSize(ADDRESSES)
            .expireAfterWrite(window)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .build();
  }

  /** Counts a wrong token from the address. */
  public void wrong(String address) {
    Instant now = clock.instant();
    byAddress
        .asMap()
        .merge(
            address,
            new Window(now, 1),
            (was, one) -> open(was, now) ? new Window(was.start(), was.wrong() + 1) : one);
  }

  /** How long the address must wait before trying a token again; empty when it may now. */
  public Optional<Duration> waitFor(String address) {
    Window w = byAddress.getIfPresent(address);
    Instant now = clock.instant();
    if (w == null || w.wrong() < limit || !open(w, now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, w.start().plus(window)));
  }

  private boolean open(Window w, Instant now) {
    return now.isBefore(w.start().plus(window));
  }
}
