package dev.nightwatch.web.views;

/** A page that only says something: why a form was refused, or what went wrong. */
public final class NoticeView extends PageView {
  private final String message;

  public NoticeView(String title, String message) {
    super("notice.ftlh", title);
    this.message = message;
  }

  public String getMessage() {
    return message;
  }
}
