package dev.nightwatch.notifier.comment;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts hostile text (log lines, test names, builder names) into GitHub-flavoured Markdown so that
 * it shows as written: no Markdown or HTML from it renders, no {@code @mention} notifies anyone, no
 * {@code #123} or {@code GH-123} links to an issue, and no code span or fence can be closed from
 * inside.
 */
public final class Markdown {
  /** A zero-width space as an entity: visible in the source, invisible on the page. */
  static final String ZERO_WIDTH = "&#8203;";

  private static final String PUNCTUATION = "\\`*_{}[]()#+-.!|~:";
  // "@guido" would notify; "a@b" (an e-mail address) would not, but is neutralised all the same.
  private static final Pattern MENTION = Pattern.compile("@(?=[A-Za-z0-9])");
  // "\#123" after escaping: an issue reference once rendered.
  private static final Pattern ISSUE = Pattern.compile("\\\\#(?=\\d)");
  // "GH\-123" after escaping: GitHub links GH-123 to issue 123 too.
  private static final Pattern GH = Pattern.compile("(?i)\\b(gh)(?=\\\\-\\d)");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private Markdown() {}

  /** Text to show as it is in running Markdown: escaped, on one line, references neutralised. */
  public static String text(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\r', '\n', '\t' -> out.append(' ');
        default -> {
          if (PUNCTUATION.indexOf(c) >= 0) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    String escaped = MENTION.matcher(out).replaceAll("@" + ZERO_WIDTH);
    escaped = ISSUE.matcher(escaped).replaceAll(Matcher.quoteReplacement("\\#" + ZERO_WIDTH));
    return GH.matcher(escaped).replaceAll("$1" + ZERO_WIDTH);
  }

  /**
   * An inline code span holding the text on one line, cut to {@code max} characters: its fence is
   * one backtick longer than any run inside, so nothing inside ends it.
   */
  public static String code(String raw, int max) {
    String oneLine = cut(raw.replaceAll("[\\r\\n\\t]+", " ").strip(), max);
    String fence = "`".repeat(longestRun(oneLine) + 1);
    String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
    return fence + pad + oneLine + pad + fence;
  }

  /**
   * A fenced code block in the given language: the fence is longer than any run of backticks in the
   * text, so a log line of backticks cannot close it.
   */
  public static String fence(String language, String raw) {
    String body = raw.replace("\r\n", "\n").replace('\r', '\n');
    String fence = "`".repeat(Math.max(3, longestRun(body) + 1));
    return fence + language + "\n" + body + (body.endsWith("\n") ? "" : "\n") + fence;
  }

  /**
   * A link, or just the escaped label when the address is not a plain http(s) URL (a log or a
   * misconfigured master must not inject {@code javascript:} or break the Markdown).
   */
  public static String link(String label, String url) {
    return safeUrl(url).map(u -> "[" + text(label) + "](<" + u + ">)").orElse(text(label));
  }

  static Optional<String> safeUrl(String url) {
    if (url == null || url.isEmpty() || !url.matches("[^\\s<>\"`]+")) {
      return Optional.empty();
    }
    try {
      String scheme = URI.create(url).getScheme();
      return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)
          ? Optional.of(url)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The text cut to {@code max} characters with an ellipsis, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, Math.max(0, end)) + "…";
  }

  private static int longestRun(String text) {
    int longest = 0;
    Matcher m = BACKTICKS.matcher(text);
    while (m.find()) {
      longest = Math.max(longest, m.group().length());
    }
    return longest;
  }
}
