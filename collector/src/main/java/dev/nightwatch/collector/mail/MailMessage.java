package dev.nightwatch.collector.mail;

import java.time.Instant;

/**
 * A received mail reduced to what the parser reads: its Message-ID (null when it has none), its
 * decoded subject, date and sender, and its body as plain text (an HTML body turned into text).
 */
public record MailMessage(
    String messageId, String subject, Instant date, String from, String text) {}
