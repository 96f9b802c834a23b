package dev.nightwatch.collector.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightwatch.schema.model.BuildResult;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failure mail of every MailNotifier generation, read and parsed: real 3.7 mails of CPython's
 * format (shared/samples/buildbot/emails), 0.8 and 0.9–3.4 defaults, 3.5+'s default in text
 * (base64, Latin-1) and HTML, quoted-printable, and mail that is not Buildbot's.
 */
class BuildbotMailParserTest {
  private final MailReader reader = new MailReader();
  private final BuildbotMailParser parser = new BuildbotMailParser();

  private MailMessage read(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/mail/" + name)) {
      if (in == null) {
        throw new IOException("no sample " + name);
      }
      return reader.read(in.readAllBytes());
    }
  }

  private List<MailBuild> builds(String name) throws Exception {
    BuildbotMailParser.Parsed parsed = parser.parse(read(name));
    assertThat(parsed).isInstanceOf(BuildbotMailParser.Builds.class);
    return ((BuildbotMailParser.Builds) parsed).builds();
  }

  @Test
  void cpythonsBodyOnARealMail() throws Exception {
    MailMessage mail = read("test_failure_failure.eml");
    assertThat(mail.subject())
        .isEqualTo(
            "☠ Buildbot (Python): x86 Gentoo Non-Debug with X 3.x - failed test (failure) (main)");
    assertThat(mail.messageId()).isEqualTo("<179560041501.23458.13327892352280523184@lab.test>");
    assertThat(mail.date()).isEqualTo(Instant.parse("2026-11-25T09:53:34Z"));

    List<MailBuild> builds = builds("test_failure_failure.eml");

    assertThat(builds).hasSize(1);
    MailBuild b = builds.get(0);
    assertThat(b.builderName()).isEqualTo("x86 Gentoo Non-Debug with X 3.x");
    assertThat(b.masterUrl()).isEqualTo("http://127.0.0.1:8010/");
    assertThat(b.builderId()).isEqualTo(1);
    assertThat(b.number()).isEqualTo(3);
    assertThat(b.buildUrl()).isEqualTo("http://127.0.0.1:8010/#builders/1/builds/3");
    assertThat(b.worker()).isEqualTo("lab-linux-amd64");
    assertThat(b.reason()).isNull(); // "<unknown>"
    assertThat(b.blamelist()).isEqualTo("Jane Doe <jane.doe@example.org>");
    assertThat(b.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(b.stateString()).isEqualTo("failed test (failure)");
    assertThat(b.branch()).isEqualTo("main");
    assertThat(b.text()).contains("Captured traceback").contains("test_textkit");
  }

  @Test
  void everyRealSampleNamesItsBuild() throws Exception {
    for (String name :
        List.of(
            "compile_error_failure.eml",
            "flaky_failure.eml",
            "hang_failure.eml",
            "refleak_failure.eml",
            "success_failure.eml",
            "timeout_failure.eml")) {
      MailBuild b = builds(name).get(0);
      assertThat(b.number()).as(name).isPositive();
      assertThat(b.builderId()).as(name).isNotNull();
      assertThat(b.builderName()).as(name).isNotBlank().doesNotContain("while building");
      assertThat(b.result()).as(name).isEqualTo(BuildResult.FAILURE);
    }
  }

  @Test
  void aBuildsetMailIsSplitIntoItsBuilds() throws Exception {
    List<MailBuild> builds = builds("buildset_mode_1.eml");

    assertThat(builds)
        .extracting(MailBuild::builderName, MailBuild::number, MailBuild::stateString)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "x86 Gentoo Non-Debug with X 3.x", 24, "failed test (failure)"),
            org.assertj.core.groups.Tuple.tuple("ARM64 macOS 3.x", 24, "failed test (failure)"),
            org.assertj.core.groups.Tuple.tuple(
                "AMD64 Debian PGO 3.x", 24, "failed compile (failure)"));
    assertThat(builds.get(1).text()).contains("test_netflaky").doesNotContain("test_textkit");
    assertThat(builds.get(2).text()).contains("‘cary’ undeclared");
    assertThat(builds).allMatch(b -> b.branch() == null); // the subject names the buildset
  }

  @Test
  void buildbot08DefaultMail() throws Exception {
    MailBuild b = builds("buildbot-0.8-failure.eml").get(0);

    assertThat(b.builderName()).isEqualTo("AMD64 Ubuntu 3.x");
    assertThat(b.number()).isEqualTo(5821);
    assertThat(b.builderId()).isNull();
    assertThat(b.masterUrl()).isEqualTo("http://buildbot.python.org/all/");
    assertThat(b.buildUrl())
        .isEqualTo("http://buildbot.python.org/all/builders/AMD64%20Ubuntu%203.x/builds/5821");
    assertThat(b.worker()).isEqualTo("bolen-ubuntu");
    assertThat(b.branch()).isEqualTo("default");
    assertThat(b.revision()).isEqualTo("7a2f6e6c3b39");
    assertThat(b.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(b.stateString()).isEqualTo("failed test");
  }

  @Test
  void buildbot2DefaultMailInQuotedPrintable() throws Exception {
    MailBuild b = builds("buildbot-2.x-failure-qp.eml").get(0);

    assertThat(b.builderName()).isEqualTo("PPC64LE Fedora 3.x");
    assertThat(b.number()).isEqualTo(2104);
    assertThat(b.builderId()).isEqualTo(11);
    assertThat(b.masterUrl()).isEqualTo("https://buildbot.python.org/all/");
    assertThat(b.blamelist()).isEqualTo("Łukasz Langa <lukasz@langa.pl>");
    assertThat(b.text()).contains("========================");
  }

  @Test
  void buildbot37DefaultMailInBase64AndLatin1() throws Exception {
    MailBuild b = builds("buildbot-3.7-default-latin1-base64.eml").get(0);

    assertThat(b.builderName()).isEqualTo("lab ok");
    assertThat(b.builderId()).isEqualTo(5);
    assertThat(b.number()).isEqualTo(7);
    assertThat(b.worker()).isEqualTo("lab-worker");
    assertThat(b.reason()).isEqualTo("forced by José");
    assertThat(b.blamelist()).isEqualTo("José García <jose@example.org>");
    assertThat(b.revision()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(b.stateString()).isEqualTo("failed test (failure)");
    assertThat(b.result()).isEqualTo(BuildResult.FAILURE);
    assertThat(b.branch()).isEqualTo("main");
  }

  @Test
  void buildbot3HtmlMail() throws Exception {
    MailBuild b = builds("buildbot-3.x-html.eml").get(0);

    assertThat(b.builderName()).isEqualTo("lab tests");
    assertThat(b.builderId()).isEqualTo(2);
    assertThat(b.number()).isEqualTo(9);
    assertThat(b.worker()).isEqualTo("lab-worker");
    assertThat(b.reason()).isEqualTo("forced");
    assertThat(b.blamelist()).isEqualTo("Ana <ana@example.org>");
    assertThat(b.revision()).isNull();
    assertThat(b.result()).isEqualTo(BuildResult.FAILURE);
  }

  @Test
  void mailThatIsNotBuildbotsIsIgnoredWithAReason() throws Exception {
    BuildbotMailParser.Parsed parsed = parser.parse(read("not-buildbot.eml"));

    assertThat(parsed).isInstanceOf(BuildbotMailParser.Ignored.class);
    assertThat(((BuildbotMailParser.Ignored) parsed).reason())
        .contains("not a Buildbot mail")
        .contains("Re: PEP 999 discussion");
  }

  @Test
  void aBuildbotMailThatCannotTellItsBuildIsAnError() throws Exception {
    MailMessage mail = read("buildbot-no-link.eml");

    assertThatThrownBy(() -> parser.parse(mail))
        .isInstanceOf(MailParseException.class)
        .hasMessageContaining("lab tests")
        .hasMessageContaining("without a build link");
  }
}
