package dev.nightwatch.web.auth;

/**
 * Who is looking at a page: their account and, for a browser session, the CSRF token its forms must
 * carry ({@code null} for a bearer-token client, which sends no forms).
 */
public record Viewer(Account account, String csrf) {
  public String name() {
    return account.name();
  }

  public boolean triager() {
    return account.triager();
  }
}
