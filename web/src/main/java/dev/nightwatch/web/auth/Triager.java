package dev.nightwatch.web.auth;

import java.security.Principal;

/** A person allowed to act on clusters, as named in the configuration. */
public record Triager(String name) implements Principal {
  @Override
  public String getName() {
    return name;
  }
}
