package dev.nightwatch.web.views;

import dev.nightwatch.schema.model.ParseStatus;
import dev.nightwatch.schema.model.RawMail;
import java.util.List;
import java.util.Map;

/** Received mail of one status (those that could not be parsed, by default), newest first. */
public final class MailView extends PageView {
  private final ParseStatus status;
  private final List<RawMail> mail;
  private final Map<ParseStatus, Long> counts;
  private final int offset;
  private final Integer next;

  public MailView(
      ParseStatus status,
      List<RawMail> mail,
      Map<ParseStatus, Long> counts,
      int offset,
      Integer next) {
    super("mail.ftlh", "Mail");
    this.status = status;
    this.mail = List.copyOf(mail);
    this.counts = Map.copyOf(counts);
    this.offset = offset;
    this.next = next;
  }

  public String getStatus() {
    return status.name();
  }

  public List<RawMail> getMail() {
    return mail;
  }

  /** How many kept messages have each status. */
  public long count(String status) {
    return counts.getOrDefault(ParseStatus.valueOf(status), 0L);
  }

  public int getOffset() {
    return offset;
  }

  public Integer getNext() {
    return next;
  }
}
