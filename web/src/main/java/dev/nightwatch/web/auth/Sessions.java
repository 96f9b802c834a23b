package dev.nightwatch.web.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.schema.dao.SignedOutDao;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions, signed and kept by the browser: the cookie names the account, when it ends and
 * an HMAC over those and the account's token, so a session ends when it expires, when its token is
 * changed or removed, or when it is signed out: the server keeps only the digests of the cookies
 * signed out before they expired ({@code signed_out_sessions}), so a copy of a cookie signs nobody
 * in after its owner signed out. Each session's CSRF token is an HMAC of its cookie, so forms are
 * checked without more server state. The key is made once in the data directory ({@code
 * session.key}, readable by its owner only) and kept across restarts.
 */
public final class Sessions {
  /** The session cookie's name. */
  public static final String COOKIE = "nightwatch_session";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Tokens tokens;
  private final Clock clock;
  private final Duration ttl;
  private final Jdbi jdbi;

  private Sessions(byte[] key, Tokens tokens, Clock clock, Duration ttl, Jdbi jdbi) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.tokens = tokens;
    this.clock = clock;
    this.ttl = ttl;
    this.jdbi = jdbi;
  }

  /**
   * Sessions signed with the data directory's key, which is made on first use, and signed out in
   * its database.
   */
  public static Sessions open(Path dataDir, Tokens tokens, Clock clock, Duration ttl, Jdbi jdbi)
      throws IOException {
    return new Sessions(key(dataDir.resolve("session.key")), tokens, clock, ttl, jdbi);
  }

  private static byte[] key(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path temp = Files.createTempFile(file.getParent(), "session", ".tmp");
      try {
        if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.write(temp, fresh);
        // Two servers starting at once: the first key moved in is the one both use.
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // another process made it first
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length < 32) {
      throw new IOException(file + " holds " + key.length + " bytes, not a 32-byte key");
    }
    return key;
  }

  /** How long a session lasts. */
  public Duration ttl() {
    return ttl;
  }

  /** A new session's cookie value for the account, which must hold a configured token. */
  public String issue(Account account) {
    String token = tokens.tokenOf(account).orElseThrow();
    long expires = clock.instant().plus(ttl).getEpochSecond();
    String name = B64.encodeToString(account.name().getBytes(UTF_8));
    String role = account.triager() ? "t" : "r";
    return name + "." + role + "." + expires + "." + sign(name, role, expires, token);
  }

  /**
   * The viewer a cookie value stands for; empty when missing, malformed, forged, expired or signed
   * out.
   */
  public Optional<Viewer> read(String cookie) {
    return verify(cookie)
        .filter(signed -> !jdbi.withExtension(SignedOutDao.class, d -> d.signedOut(sha256(cookie))))
        .map(signed -> new Viewer(signed.account(), mac("csrf\n" + cookie)));
  }

  /**
   * Signs the session out: its cookie, and every copy of it, stands for nobody from now on. A
   * cookie that stands for nobody already is passed over.
   */
  public void end(String cookie) {
    verify(cookie)
        .ifPresent(
            signed ->
                jdbi.useTransaction(
                    h -> {
                      SignedOutDao signedOut = h.attach(SignedOutDao.class);
                      // The cookie's digest, not the cookie: the table holds nothing that signs in.
                      signedOut.signOut(sha256(cookie), signed.expires());
                      signedOut.forgetExpired(clock.instant());
                    }));
  }

  /** A well-formed, unexpired cookie signed with this key over its account's current token. */
  private record Signed(Account account, Instant expires) {}

  private Optional<Signed> verify(String cookie) {
    if (cookie == null) {
      return Optional.empty();
    }
    String[] parts = cookie.split("\\.", -1);
    if (parts.length != 4 || !(parts[1].equals("t") || parts[1].equals("r"))) {
      return Optional.empty();
    }
    long expires;
    Account account;
    try {
      expires = Long.parseLong(parts[2]);
      account = new Account(new String(UNB64.decode(parts[0]), UTF_8), parts[1].equals("t"));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (expires <= clock.instant().getEpochSecond()) {
      return Optional.empty();
    }
    return tokens
        .tokenOf(account)
        .filter(
            token ->
                MessageDigest.isEqual(
                    sign(parts[0], parts[1], expires, token).getBytes(UTF_8),
                    parts[3].getBytes(UTF_8)))
        .map(token -> new Signed(account, Instant.ofEpochSecond(expires)));
  }

  /** Whether a form's CSRF token is the viewer's session's. */
  public static boolean csrfMatches(Viewer viewer, String given) {
    return viewer.csrf() != null
        && given != null
        && MessageDigest.isEqual(viewer.csrf().getBytes(UTF_8), given.getBytes(UTF_8));
  }

  private String sign(String name, String role, long expires, String token) {
    // The token enters hashed: the MAC changes with it without the cookie carrying it.
    return mac(name + "\n" + role + "\n" + expires + "\n" + sha256(token));
  }

  private String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return B64.encodeToString(mac.doFinal(text.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String sha256(String text) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
