package dev.nightwatch.collector.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads a raw RFC 822 mail with Jakarta Mail: headers decoded (RFC 2047 words), the body's transfer
 * encoding (quoted-printable, base64, 8bit) undone and its charset applied, the plain text part
 * preferred and an HTML part turned into text with Jsoup (block elements and {@code <br>} become
 * line breaks, so the line-based parser reads both alike).
 */
public final class MailReader {
  private final Session session = Session.getInstance(new Properties());

  public MailMessage read(byte[] raw) throws MessagingException, IOException {
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
    String id = message.getMessageID();
    Date sent = message.getSentDate();
    String from = null;
    var senders = message.getFrom();
    if (senders != null && senders.length > 0) {
      from = senders[0] instanceof InternetAddress a ? a.getAddress() : senders[0].toString();
    }
    String subject = message.getSubject();
    return new MailMessage(
        id == null || id.isBlank() ? null : id.strip(),
        subject == null ? "" : subject.strip(),
        sent == null ? null : sent.toInstant(),
        from,
        body(message));
  }

  /** The best text of a part: text/plain first, else text/html as text, else nothing. */
  private String body(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return text(part);
    }
    if (part.isMimeType("text/html")) {
      return htmlToText(text(part));
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multi) {
      String html = null;
      for (int i = 0; i < multi.getCount(); i++) {
        BodyPart child = multi.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(child.getDisposition())) {
          continue;
        }
        if (child.isMimeType("text/plain")) {
          return text(child);
        }
        String inner = body(child);
        if (!inner.isEmpty() && html == null) {
          html = inner;
        }
      }
      return html == null ? "" : html;
    }
    if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
      return body(inner);
    }
    return "";
  }

  /** A text part decoded with its charset; an unknown charset falls back to UTF-8. */
  private static String text(Part part) throws MessagingException, IOException {
    try {
      Object content = part.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      // An unknown charset name: decode the bytes ourselves below.
    }
    Charset charset = StandardCharsets.UTF_8;
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      if (name != null) {
        charset = Charset.forName(MimeUtility.javaCharset(name));
      }
    } catch (RuntimeException | MessagingException e) {
      charset = StandardCharsets.UTF_8;
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), charset);
    }
  }

  /** HTML as the text a reader sees, one line per block, {@code <pre>} kept as it is. */
  static String htmlToText(String html) {
    Element body = Jsoup.parse(html).body();
    StringBuilder out = new StringBuilder();
    Set<String> links = new LinkedHashSet<>();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              boolean pre = t.parent() != null && inPre(t.parent());
              out.append(pre ? t.getWholeText() : t.text());
            } else if (node instanceof Element e) {
              if (e.normalName().equals("br")) {
                out.append('\n');
              } else if (e.isBlock()
                  || e.normalName().equals("li")
                  || e.normalName().equals("tr")) {
                newline(out);
                if (e.normalName().equals("li")) {
                  out.append("- ");
                }
              }
              if (e.normalName().equals("a")
                  && e.hasAttr("href")
                  && !e.attr("href").equals(e.text())) {
                links.add(e.attr("href"));
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && (e.isBlock() || e.normalName().equals("tr"))) {
              newline(out);
            }
          }
        },
        body);
    if (!links.isEmpty()) {
      // The addresses behind the links (the build's is often only there), after the text.
      newline(out);
      out.append("\nLinks:\n");
      links.forEach(l -> out.append(l).append('\n'));
    }
    return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static boolean inPre(Element e) {
    for (Element p = e; p != null; p = p.parent()) {
      if (p.normalName().equals("pre")) {
        return true;
      }
    }
    return false;
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
