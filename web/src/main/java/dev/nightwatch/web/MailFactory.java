package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.collector.mail.ImapPoller;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;

/** Failure mail: the IMAP mailbox the server reads ({@code mail.imap}), if any. */
public final class MailFactory {
  /** One IMAP mailbox; every unseen message is read and marked seen once stored. */
  public static final class Imap {
    @NotEmpty @JsonProperty private String host;

    @Min(1)
    @Max(65535)
    @JsonProperty
    private int port = 993;

    /** IMAPS (TLS from the start); false for plain IMAP (a local server). */
    @JsonProperty private boolean ssl = true;

    @NotEmpty @JsonProperty private String user;

    @NotNull @JsonProperty private String password = "";

    @NotEmpty @JsonProperty private String folder = "INBOX";

    @NotNull @JsonProperty private Duration pollInterval = Duration.minutes(1);

    @NotNull @JsonProperty private Duration timeout = Duration.seconds(30);

    public ImapPoller poller() {
      return new ImapPoller(
          new ImapPoller.Account(
              host, port, ssl, user, password, folder, (int) timeout.toMilliseconds()));
    }

    public Duration getPollInterval() {
      return pollInterval;
    }
  }

  @Valid @JsonProperty private Imap imap;

  public Optional<Imap> getImap() {
    return Optional.ofNullable(imap);
  }
}
