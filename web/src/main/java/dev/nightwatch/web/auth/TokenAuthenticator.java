package dev.nightwatch.web.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Knows a triager by bearer token, comparing in constant time. */
public final class TokenAuthenticator implements Authenticator<String, Triager> {
  private final Map<String, String> tokens;

  public TokenAuthenticator(Map<String, String> tokens) {
    this.tokens = Map.copyOf(tokens);
  }

  @Override
  public Optional<Triager> authenticate(String credentials) {
    byte[] given = credentials.getBytes(UTF_8);
    Optional<Triager> found = Optional.empty();
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      // Every token is compared, so the time taken says nothing about which one nearly matched.
      if (MessageDigest.isEqual(given, e.getValue().getBytes(UTF_8))) {
        found = Optional.of(new Triager(e.getKey()));
      }
    }
    return found;
  }
}
