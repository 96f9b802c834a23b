package dev.nightwatch.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.web.TempData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Tokens TOKENS =
      new Tokens(Map.of("alice", "alice-token"), Map.of("bob", "bob-token"));

  private final Path data = TempData.create("nightwatch-sessions-");

  @AfterEach
  void delete() throws IOException {
    TempData.delete(data);
  }

  private Sessions at(Instant now, Tokens tokens) throws IOException {
    return Sessions.open(data, tokens, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(12));
  }

  @Test
  void aSessionNamesItsAccountUntilItExpires() throws IOException {
    String alice = at(NOW, TOKENS).issue(new Account("alice", true));
    String bob = at(NOW, TOKENS).issue(new Account("bob", false));

    assertThat(at(NOW.plusSeconds(3600), TOKENS).read(alice))
        .hasValueSatisfying(v -> assertThat(v.account()).isEqualTo(new Account("alice", true)));
    assertThat(at(NOW, TOKENS).read(bob))
        .hasValueSatisfying(v -> assertThat(v.triager()).isFalse());
    assertThat(at(NOW.plus(Duration.ofHours(12)), TOKENS).read(alice)).isEmpty();
  }

  @Test
  void aTamperedOrForeignCookieIsNobody() throws IOException {
    Sessions sessions = at(NOW, TOKENS);
    String bob = sessions.issue(new Account("bob", false));
    String[] parts = bob.split("\\.");

    // A reader claiming to be a triager, a later expiry, another name: the MAC no longer fits.
    assertThat(sessions.read(parts[0] + ".t." + parts[2] + "." + parts[3])).isEmpty();
    assertThat(sessions.read(parts[0] + ".r." + (Long.parseLong(parts[2]) + 1) + "." + parts[3]))
        .isEmpty();
    assertThat(sessions.read("YWxpY2U.r." + parts[2] + "." + parts[3])).isEmpty();
    assertThat(sessions.read("garbage")).isEmpty();
    assertThat(sessions.read("%%%.r.1.x")).isEmpty();
    assertThat(sessions.read(null)).isEmpty();
    // Another key (another data directory) signs other sessions.
    Path other = TempData.create("nightwatch-sessions-other-");
    try {
      Sessions elsewhere =
          Sessions.open(other, TOKENS, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
      assertThat(elsewhere.read(bob)).isEmpty();
    } finally {
      TempData.delete(other);
    }
  }

  @Test
  void changingOrRemovingTheTokenEndsItsSessions() throws IOException {
    String alice = at(NOW, TOKENS).issue(new Account("alice", true));

    assertThat(at(NOW, new Tokens(Map.of("alice", "rotated"), Map.of())).read(alice)).isEmpty();
    assertThat(at(NOW, new Tokens(Map.of(), Map.of("alice", "alice-token"))).read(alice)).isEmpty();
    assertThat(at(NOW, TOKENS).read(alice)).isPresent();
  }

  @Test
  void eachSessionHasItsOwnCsrfToken() throws IOException {
    Sessions sessions = at(NOW, TOKENS);
    Viewer first = sessions.read(sessions.issue(new Account("alice", true))).orElseThrow();
    Viewer again =
        at(NOW.plusSeconds(1), TOKENS)
            .read(at(NOW.plusSeconds(1), TOKENS).issue(new Account("alice", true)))
            .orElseThrow();

    assertThat(Sessions.csrfMatches(first, first.csrf())).isTrue();
    assertThat(Sessions.csrfMatches(first, again.csrf())).isFalse();
    assertThat(Sessions.csrfMatches(first, null)).isFalse();
    assertThat(Sessions.csrfMatches(new Viewer(first.account(), null), null)).isFalse();
  }

  @Test
  void theKeyIsMadeOnceAndReadableByItsOwnerOnly() throws IOException {
    String alice = at(NOW, TOKENS).issue(new Account("alice", true));
    Path key = data.resolve("session.key");

    assertThat(Files.size(key)).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    // A restart reads the same key: sessions survive it.
    assertThat(at(NOW, TOKENS).read(alice)).isPresent();
    Files.write(key, new byte[4]);
    assertThatThrownBy(() -> at(NOW, TOKENS)).hasMessageContaining("not a 32-byte key");
  }

  @Test
  void tokensAreKnownByTheirHoldersAndATriagerOutranksAReader() {
    Tokens both = new Tokens(Map.of("carol", "c1"), Map.of("carol", "c2", "dan", "d"));

    assertThat(both.byToken("c1")).contains(new Account("carol", true));
    assertThat(both.byToken("d")).contains(new Account("dan", false));
    assertThat(both.byToken("c2")).contains(new Account("carol", false));
    assertThat(both.tokenOf(new Account("carol", false))).isEmpty();
    assertThat(both.byToken("nope")).isEmpty();
    assertThat(both.byToken(null)).isEmpty();
  }
}
