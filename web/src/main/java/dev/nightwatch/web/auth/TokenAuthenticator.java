package dev.nightwatch.web.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Knows a triager by bearer token; readers' tokens do not authenticate an action. */
public final class TokenAuthenticator implements Authenticator<String, Triager> {
  private final Tokens tokens;

  public TokenAuthenticator(Tokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<Triager> authenticate(String credentials) {
    return tokens.byToken(credentials).filter(Account::triager).map(a -> new Triager(a.name()));
  }
}
