package dev.nightwatch.web.views;

/** The sign-in page: a token, and where to go back to. */
public final class SignInView extends PageView {
  private final String next;
  private final String problem;
  private final boolean readingNeedsToken;

  public SignInView(String next, String problem, boolean readingNeedsToken) {
    super("login.ftlh", "Sign in");
    this.next = next;
    this.problem = problem;
    this.readingNeedsToken = readingNeedsToken;
  }

  public String getNext() {
    return next;
  }

  /** Why the last attempt failed; {@code null} on the first. */
  public String getProblem() {
    return problem;
  }

  public boolean isReadingNeedsToken() {
    return readingNeedsToken;
  }
}
