package dev.nightwatch.web.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tokens: triagers' (who may also read) and readers'. A name in both is a triager.
 */
public final class Tokens {
  private final Map<String, String> triagers;
  private final Map<String, String> readers;

  public Tokens(Map<String, String> triagers, Map<String, String> readers) {
    this.triagers = Map.copyOf(triagers);
    this.readers = Map.copyOf(readers);
  }

  /** Whose token this is, comparing against every token in constant time. */
  public Optional<Account> byToken(String token) {
    if (token == null) {
      return Optional.empty();
    }
    byte[] given = token.strip().getBytes(UTF_8);
    Optional<Account> found = Optional.empty();
    // Every token is compared, so the time taken says nothing about which one nearly matched.
    for (Map.Entry<String, String> e : readers.entrySet()) {
      if (MessageDigest.isEqual(given, e.getValue().getBytes(UTF_8))) {
        found = Optional.of(new Account(e.getKey(), false));
      }
    }
    for (Map.Entry<String, String> e : triagers.entrySet()) {
      if (MessageDigest.isEqual(given, e.getValue().getBytes(UTF_8))) {
        found = Optional.of(new Account(e.getKey(), true));
      }
    }
    return found;
  }

  /** The account's current token; empty when it is no longer configured with that role. */
  Optional<String> tokenOf(Account account) {
    if (account.triager()) {
      return Optional.ofNullable(triagers.get(account.name()));
    }
    return triagers.containsKey(account.name())
        ? Optional.empty()
        : Optional.ofNullable(readers.get(account.name()));
  }
}
