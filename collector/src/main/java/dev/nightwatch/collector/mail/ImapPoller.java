package dev.nightwatch.collector.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;

/**
 * Reads an IMAP mailbox with Jakarta Mail (Angus Mail): every message not yet seen is handed to the
 * sink, and marked seen only after the sink returns, that is after its transaction committed; a
 * message whose sink throws stays unseen and is read again next time.
 */
public final class ImapPoller {
  /** Where the mailbox is and how to log in; {@code ssl} for IMAPS. */
  public record Account(
      String host,
      int port,
      boolean ssl,
      String user,
      String password,
      String folder,
      int timeoutMillis) {}

  /** Stores one message; returns normally only once it is committed. */
  @FunctionalInterface
  public interface Sink {
    void accept(String origin, byte[] raw) throws IOException;
  }

  /** What a pass did. */
  public record Report(int read, int failed, String error) {}

  private final Account account;

  public ImapPoller(Account account) {
    this.account = account;
  }

  public Report pollOnce(Sink sink) {
    String protocol = account.ssl() ? "imaps" : "imap";
    Properties props = new Properties();
    String timeout = Integer.toString(account.timeoutMillis());
    props.put("mail." + protocol + ".connectiontimeout", timeout);
    props.put("mail." + protocol + ".timeout", timeout);
    props.put("mail." + protocol + ".writetimeout", timeout);
    // Fetch with BODY.PEEK: reading a message must not mark it seen before it is stored.
    props.put("mail." + protocol + ".peek", "true");
    int read = 0;
    int failed = 0;
    try {
      Store store = Session.getInstance(props).getStore(protocol);
      store.connect(account.host(), account.port(), account.user(), account.password());
      try {
        Folder folder = store.getFolder(account.folder());
        folder.open(Folder.READ_WRITE);
        try {
          for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
              m.writeTo(bytes);
              sink.accept(
                  "imap:%s@%s/%s#%d"
                      .formatted(
                          account.user(), account.host(), account.folder(), m.getMessageNumber()),
                  bytes.toByteArray());
              m.setFlag(Flags.Flag.SEEN, true);
              read++;
            } catch (IOException | RuntimeException e) {
              failed++;
            }
          }
        } finally {
          folder.close(false);
        }
      } finally {
        store.close();
      }
      return new Report(read, failed, null);
    } catch (MessagingException e) {
      return new Report(
          read, failed, "IMAP %s:%d: %s".formatted(account.host(), account.port(), e.getMessage()));
    }
  }
}
