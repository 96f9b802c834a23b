package dev.nightwatch.collector.mail;

import dev.nightwatch.schema.model.BuildResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the failure mail Buildbot's {@code MailNotifier} sends, in the default formats of every
 * version — 0.8 ("buildbot failure in P on B", {@code Buildslave for this Build}, links {@code
 * …/builders/NAME/builds/N}), 0.9–3.4 ("Buildbot failure in P on B", {@code Worker for this
 * Build}), 3.5+ ("☠ Buildbot (P): B - state (branch)", "A failed build has been detected on builder
 * …", {@code Build state}/{@code Revision}/{@code Worker}) — and CPython's own body ("The Buildbot
 * has detected a new failure on builder X while building Y", with the summary, captured traceback
 * and test report). In buildset mode one mail covers several builds, their bodies run together;
 * each becomes a build of its own.
 */
public final class BuildbotMailParser {
  /** What a mail came to: the builds it reports, or why it is not a Buildbot mail. */
  public sealed interface Parsed {}

  public record Builds(List<MailBuild> builds) implements Parsed {
    public Builds {
      builds = List.copyOf(builds);
    }
  }

  public record Ignored(String reason) implements Parsed {}

  private static final Pattern SUBJECT_NEW =
      Pattern.compile("^(\\S+)\\s+Buildbot \\((.*?)\\): (.+?) - (.+?)(?: \\(([^()]*)\\))?$");
  private static final Pattern SUBJECT_OLD =
      Pattern.compile("^[Bb]uildbot (\\w+) in (.+?) on (.+)$");

  /** Where one build's part begins: CPython's and 0.8–3.4's first line, or 3.5+'s. */
  private static final Pattern DETECTED =
      Pattern.compile(
          "The Buildbot has detected an? (.+?) on builder (.+?) while building (.*?)\\.?[ \\t]*$"
              + "|(?m)^An? (.+?) has been detected on builder (.+?) while building (.*?)\\.?[ \\t]*$",
          Pattern.MULTILINE);

  private static final Pattern LINK_NEW =
      Pattern.compile("(https?://[^\\s<>\"]+?)/?#/?builders/(\\d+)/builds/(\\d+)");
  private static final Pattern LINK_OLD =
      Pattern.compile("(https?://[^\\s<>\"#]+?)/builders/([^/\\s<>\"]+)/builds/(\\d+)");
  private static final Pattern BUILDBOT_URL = Pattern.compile("(?m)^Buildbot URL:\\s*(\\S+)\\s*$");
  private static final Pattern WORKER =
      Pattern.compile(
          "(?m)^(?:- )?(?:Worker for this Build|Buildslave for this Build|Worker used|Worker):"
              + "\\s*(\\S.*?)\\s*$");
  private static final Pattern REASON = Pattern.compile("(?m)^(?:- )?Build Reason:\\s*(.*?)\\s*$");
  private static final Pattern BLAMELIST = Pattern.compile("(?m)^(?:- )?Blamelist:\\s*(.*?)\\s*$");
  private static final Pattern REVISION =
      Pattern.compile("(?m)^(?:- )?(?:Revision|Got Revision):\\s*([0-9a-fA-F]{7,64})\\s*$");
  private static final Pattern SOURCE_STAMP =
      Pattern.compile(
          "(?m)^Build Source Stamp:\\s*(?:\\[branch ([^\\]]+)\\])?\\s*([0-9a-fA-F]{7,64})?");
  private static final Pattern STATUS =
      Pattern.compile(
          "(?m)^(?:- )?(?:BUILD FAILED|Build Had Warnings|Build state|BUILD EXCEPTION)"
              + "(?::\\s*(.*?))?\\s*$");
  private static final Pattern SUCCEEDED = Pattern.compile("(?m)^Build succeeded!");
  private static final Pattern RESULT_WORD =
      Pattern.compile(
          "\\((success|warnings|failure|exception|cancelled|retry|skipped)\\)\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,64}");

  public Parsed parse(MailMessage mail) throws MailParseException {
    String text = mail.text() == null ? "" : mail.text().replace("\r\n", "\n").replace('\r', '\n');
    String subject =
        mail.subject() == null
            ? ""
            : mail.subject()
                .replaceAll("\\s+", " ")
                .strip()
                // A mailing list's tag: "[Buildbot-status] ☠ Buildbot (Python): …".
                .replaceFirst("^(?:\\[[^\\]]{1,60}\\]\\s*)+", "");
    Matcher newSubject = SUBJECT_NEW.matcher(subject);
    Matcher oldSubject = SUBJECT_OLD.matcher(subject);
    boolean subjectIsBuildbot = newSubject.matches() || oldSubject.matches();
    List<int[]> starts = new ArrayList<>();
    Matcher detected = DETECTED.matcher(text);
    while (detected.find()) {
      starts.add(new int[] {detected.start()});
    }
    boolean bodyIsBuildbot =
        !starts.isEmpty() || LINK_NEW.matcher(text).find() || LINK_OLD.matcher(text).find();
    if (!subjectIsBuildbot && !bodyIsBuildbot) {
      return new Ignored(
          "not a Buildbot mail: the subject \"%s\" is no MailNotifier subject and the body has no build link"
              .formatted(abbreviate(subject)));
    }
    List<String> parts = new ArrayList<>();
    if (starts.size() <= 1) {
      parts.add(text);
    } else {
      for (int i = 0; i < starts.size(); i++) {
        int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
        parts.add(text.substring(starts.get(i)[0], end));
      }
    }
    List<MailBuild> builds = new ArrayList<>();
    for (String part : parts) {
      builds.add(
          build(
              part,
              newSubject.matches() ? newSubject : null,
              oldSubject.matches() ? oldSubject : null,
              parts.size() > 1));
    }
    return new Builds(builds);
  }

  private MailBuild build(String part, Matcher newSubject, Matcher oldSubject, boolean buildset)
      throws MailParseException {
    String builder = null;
    Matcher d = DETECTED.matcher(part);
    if (d.find()) {
      builder = d.group(2) != null ? d.group(2) : d.group(5);
    }
    if (builder == null && !buildset) {
      builder =
          newSubject != null
              ? newSubject.group(3)
              : oldSubject != null ? oldSubject.group(3) : null;
    }
    String masterUrl = null;
    Integer builderId = null;
    Integer number = null;
    String buildUrl = null;
    Matcher link = LINK_NEW.matcher(part);
    Matcher old = LINK_OLD.matcher(part);
    if (link.find()) {
      masterUrl = link.group(1) + "/";
      builderId = Integer.valueOf(link.group(2));
      number = Integer.valueOf(link.group(3));
      buildUrl = masterUrl + "#builders/" + builderId + "/builds/" + number;
    } else if (old.find()) {
      masterUrl = old.group(1) + "/";
      String named = URLDecoder.decode(old.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
      builder = builder == null ? named : builder;
      number = Integer.valueOf(old.group(3));
      buildUrl = old.group();
    }
    Matcher base = BUILDBOT_URL.matcher(part);
    if (base.find()) {
      masterUrl = base.group(1).endsWith("/") ? base.group(1) : base.group(1) + "/";
    }
    if (builder == null || builder.isBlank()) {
      throw new MailParseException("a Buildbot mail that names no builder");
    }
    if (number == null) {
      throw new MailParseException(
          "a Buildbot mail for builder " + builder + " without a build link: which build is it?");
    }
    if (masterUrl == null) {
      throw new MailParseException("a Buildbot mail without the master's address");
    }
    String state = group(STATUS, part);
    if (state == null && newSubject != null && !buildset) {
      state = newSubject.group(4).strip();
    }
    String revision = group(REVISION, part);
    String branch = null;
    Matcher stamp = SOURCE_STAMP.matcher(part);
    if (stamp.find()) {
      branch = stamp.group(1);
      revision = revision == null ? stamp.group(2) : revision;
    }
    if (newSubject != null && newSubject.group(5) != null && !buildset) {
      String last = newSubject.group(5).strip();
      if (HEX.matcher(last).matches()) {
        revision = revision == null ? last : revision;
      } else if (!last.startsWith("(unknown")) {
        branch = branch == null ? last : branch;
      }
    }
    return new MailBuild(
        masterUrl,
        builder.strip(),
        builderId,
        number,
        buildUrl,
        unknownToNull(group(WORKER, part)),
        unknownToNull(group(REASON, part)),
        unknownToNull(group(BLAMELIST, part)),
        revision,
        branch,
        result(part, state, newSubject, oldSubject),
        state == null || state.isBlank() ? null : state,
        part.strip() + "\n");
  }

  private static BuildResult result(
      String part, String state, Matcher newSubject, Matcher oldSubject) {
    if (state != null) {
      Matcher word = RESULT_WORD.matcher(state);
      if (word.find()) {
        return BuildResult.valueOf(word.group(1).toUpperCase(Locale.ROOT));
      }
    }
    if (part.contains("BUILD FAILED")) {
      return BuildResult.FAILURE;
    }
    if (part.contains("BUILD EXCEPTION")) {
      return BuildResult.EXCEPTION;
    }
    if (part.contains("Build Had Warnings")) {
      return BuildResult.WARNINGS;
    }
    if (SUCCEEDED.matcher(part).find()) {
      return BuildResult.SUCCESS;
    }
    if (oldSubject != null) {
      String word = oldSubject.group(1).toUpperCase(Locale.ROOT);
      for (BuildResult r : BuildResult.values()) {
        if (r.name().equals(word)) {
          return r;
        }
      }
      if (word.equals("FAILED")) {
        return BuildResult.FAILURE;
      }
    }
    Matcher d = DETECTED.matcher(part);
    if (d.find()) {
      String what = (d.group(1) != null ? d.group(1) : d.group(4)).toLowerCase(Locale.ROOT);
      if (what.contains("fail")) {
        return BuildResult.FAILURE;
      }
      if (what.contains("warning")) {
        return BuildResult.WARNINGS;
      }
      if (what.contains("exception")) {
        return BuildResult.EXCEPTION;
      }
      if (what.contains("pass") || what.contains("success")) {
        return BuildResult.SUCCESS;
      }
    }
    if (newSubject != null) {
      String mark = newSubject.group(1);
      if (mark.equals("☠")) {
        return BuildResult.FAILURE;
      }
      if (mark.equals("☺")) {
        return BuildResult.SUCCESS;
      }
    }
    return BuildResult.UNKNOWN;
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String unknownToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() || t.equals("<unknown>") || t.startsWith("(unknown") || t.equals("None")
        ? null
        : t;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "…";
  }
}
