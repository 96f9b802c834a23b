package dev.nightwatch.collector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IMAP reader against GreenMail, a real IMAP server on 127.0.0.1. */
class ImapPollerTest {
  @RegisterExtension
  static final GreenMailExtension MAIL =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = ImapPollerTest.class.getResourceAsStream("/mail/" + name)) {
      return in.readAllBytes();
    }
  }

  private ImapPoller poller() {
    return new ImapPoller(
        new ImapPoller.Account(
            "127.0.0.1", MAIL.getImap().getPort(), false, "triage", "secret", "INBOX", 5000));
  }

  @Test
  void readsEveryUnseenMessageAndMarksItSeenOnlyOnceStored() throws Exception {
    GreenMailUser user = MAIL.setUser("triage@lab.test", "triage", "secret");
    Session session = Session.getInstance(new Properties());
    for (String name :
        List.of("test_failure_failure.eml", "compile_error_failure.eml", "flaky_failure.eml")) {
      user.deliver(new MimeMessage(session, new ByteArrayInputStream(sample(name))));
    }
    List<String> stored = new ArrayList<>();
    MailReader reader = new MailReader();

    ImapPoller.Report first =
        poller()
            .pollOnce(
                (origin, raw) -> {
                  String subject;
                  try {
                    subject = reader.read(raw).subject();
                  } catch (jakarta.mail.MessagingException e) {
                    throw new IOException(e);
                  }
                  if (subject.contains("AMD64 Debian PGO")) {
                    throw new IOException("the store is busy"); // its transaction did not commit
                  }
                  stored.add(subject);
                });

    assertThat(first.error()).isNull();
    assertThat(first.read()).isEqualTo(2);
    assertThat(first.failed()).isEqualTo(1);
    assertThat(stored).hasSize(2);

    List<byte[]> retried = new ArrayList<>();
    ImapPoller.Report second = poller().pollOnce((origin, raw) -> retried.add(raw));
    assertThat(second.read()).isEqualTo(1);
    assertThat(reader.read(retried.get(0)).subject()).contains("AMD64 Debian PGO");
    assertThat(new String(retried.get(0), java.nio.charset.StandardCharsets.UTF_8))
        .contains("‘cary’ undeclared");

    ImapPoller.Report third = poller().pollOnce((origin, raw) -> retried.add(raw));
    assertThat(third.read()).isZero();
  }

  @Test
  void aWrongPasswordIsReportedNotThrown() {
    MAIL.setUser("triage@lab.test", "triage", "secret");
    ImapPoller wrong =
        new ImapPoller(
            new ImapPoller.Account(
                "127.0.0.1", MAIL.getImap().getPort(), false, "triage", "guess", "INBOX", 5000));

    ImapPoller.Report report = wrong.pollOnce((origin, raw) -> {});

    assertThat(report.error()).contains("IMAP 127.0.0.1");
    assertThat(report.read()).isZero();
  }
}
