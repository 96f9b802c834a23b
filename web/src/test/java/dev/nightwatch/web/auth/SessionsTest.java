package dev.nightwatch.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.store.Database;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Tokens TOKENS =
      new Tokens(Map.of("alice", "alice-token"), Map.of("bob", "bob-token"));

  private final Path data = TempData.create("nightwatch-sessions-");
  private Database database;

  @BeforeEach
  void migrate() throws IOException {
    database = Database.open(data, Duration.ofSeconds(5));
    database.migrate();
  }

  @AfterEach
  void delete() throws IOException {
    TempData.delete(data);
  }

  private Sessions at(Instant now, Tokens tokens) throws IOException {
    return Sessions.open(
        data, tokens, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(12), database.jdbi());
  }

  private int signedOutRows() {
    return database
        .jdbi()
        .withHandle(
            h -> h.createQuery("SELECT count(*) FROM signed_out_sessions").mapTo(int.class).one());
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
          Sessions.open(
              other,
              TOKENS,
              Clock.fixed(NOW, ZoneOffset.UTC),
              Duration.ofHours(1),
              database.jdbi());
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
  void signingOutEndsThatSessionAndEveryCopyOfItButNoOther() throws IOException {
    String first = at(NOW, TOKENS).issue(new Account("alice", true));
    String second = at(NOW.plusSeconds(1), TOKENS).issue(new Account("alice", true));
    Sessions sessions = at(NOW.plusSeconds(2), TOKENS);

    sessions.end(first);
    assertThat(sessions.read(first)).isEmpty();
    // After a restart too: the server keeps it.
    assertThat(at(NOW.plusSeconds(3), TOKENS).read(first)).isEmpty();
    assertThat(sessions.read(second)).isPresent();
    // Again, or a cookie that stands for nobody: nothing more is kept.
    sessions.end(first);
    sessions.end("garbage");
    sessions.end(null);
    assertThat(signedOutRows()).isEqualTo(1);
    // What is kept is a digest, not a cookie that would sign in.
    String kept =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT digest FROM signed_out_sessions")
                        .mapTo(String.class)
                        .one());
    assertThat(kept)
        .isNotEqualTo(first)
        .doesNotContain(first.substring(first.lastIndexOf('.') + 1));

    // Once the first would have expired, the next sign-out forgets it.
    at(NOW.plus(Duration.ofHours(12)), TOKENS).end(second);
    assertThat(signedOutRows()).isEqualTo(1);
    assertThat(at(NOW.plus(Duration.ofHours(12)), TOKENS).read(second)).isEmpty();
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
