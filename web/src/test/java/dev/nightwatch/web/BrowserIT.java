package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

/**
 * The pages in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver, with a fresh profile. A triager searches for a failure, opens its cluster, follows
 * it to the build, and opens the flakiest-tests report; a log line carrying {@code <script>} shows
 * as text. Screenshots go to {@code target/browser/}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrowserIT {
  private static final Path DATA = TempData.create("nightwatch-browser-");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target/browser");

  private static final String TOKEN = "alice-browser-token";

  static final DropwizardAppExtension<NightwatchConfiguration> APP =
      TestLogs.app(DATA, ConfigOverride.config("triage.tokens.alice", TOKEN));

  private static WebDriver browser;

  /** A regrtest failure whose assertion message is markup. */
  private static final String HOSTILE =
      TestLogs.htmlkitFailure("'<script>document.title=\"pwned\"</script>' != 'x'");

  @BeforeAll
  static void importAndOpenTheBrowser() throws Exception {
    Path logs = Files.createDirectories(DATA.resolve("incoming"));
    Files.writeString(logs.resolve("PPC64LE Fedora 3.x-8.log"), HOSTILE);
    Files.writeString(logs.resolve("s390x RHEL8 3.x-9.log"), HOSTILE);
    // Two signatures of one test_ftplib failure, clustered together: something to split.
    Files.writeString(logs.resolve("AMD64 Debian 3.x-1.log"), TestLogs.ftpFailure("19", "18"));
    Files.writeString(logs.resolve("s390x RHEL7 3.x-2.log"), TestLogs.ftpFailure("17", "18"));
    try (var in = BrowserIT.class.getResourceAsStream("/logs/lab_flaky_failure.log")) {
      Files.copy(in, logs.resolve("ARM64 macOS 3.x-21.log"));
    }
    TestLogs.importWhileServing(DATA, logs, APP);
    browser = chromium();
    Files.createDirectories(SHOTS);
  }

  /**
   * Headless Chromium with a fresh profile and no calls home; aborts (fails under CI) without it.
   */
  private static WebDriver chromium() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String message =
          "Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message);
      }
      throw new TestAbortedException(message);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1024",
        "--user-data-dir=" + Files.createDirectories(DATA.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      APP.after();
      TempData.delete(DATA);
    }
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + APP.getLocalPort() + path;
  }

  private static void screenshot(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
  }

  @Test
  void aTriagerSearchesOpensTheClusterFollowsItToTheBuildAndReadsTheFlakyReport() throws Exception {
    browser.get(url("/search?q=test_htmlkit"));
    assertThat(browser.findElement(By.cssSelector("p.summary")).getText())
        .contains("2 failures in 1 clusters");
    screenshot("1-search");

    follow(By.cssSelector("h2 a[href^='/clusters/']"));
    assertThat(browser.getCurrentUrl()).contains("/clusters/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("AssertionError");
    screenshot("2-cluster");

    follow(By.cssSelector("a[href^='/failures/']"));
    assertThat(browser.getCurrentUrl()).contains("/builds/");
    screenshot("3-build");
    // The log's markup is text on the page, and it never ran.
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("<script>document.title=\"pwned\"</script>");
    assertThat(browser.getTitle()).doesNotContain("pwned");
    assertThat(browser.findElements(By.cssSelector("main script, pre script"))).isEmpty();

    browser.get(url("/flaky"));
    assertThat(browser.findElement(By.cssSelector("table.flaky")).getText()).contains("test_");
    screenshot("4-flaky");
  }

  @Test
  void aTriagerSignsInSplitsAClusterMergesItBackAndMarksItFixed() throws Exception {
    browser.get(url("/search?q=test_ftplib"));
    follow(By.cssSelector("h2 a[href^='/clusters/']"));
    String cluster = browser.getCurrentUrl();
    assertThat(browser.findElement(By.cssSelector("section.triage")).getText())
        .contains("Sign in as a triager");

    follow(By.cssSelector("section.triage a[href^='/login']"));
    browser.findElement(By.name("token")).sendKeys(TOKEN);
    screenshot("5-sign-in");
    follow(By.cssSelector("form.signin button"));
    assertThat(browser.getCurrentUrl()).isEqualTo(cluster);
    assertThat(browser.findElement(By.cssSelector("header .who")).getText()).isEqualTo("alice");

    // Split: tick the s390x failure; it leaves for a cluster of its own.
    browser
        .findElement(
            By.xpath("//tr[td[normalize-space()='s390x RHEL7 3.x']]//input[@type='checkbox']"))
        .click();
    browser.findElement(By.cssSelector("#split input[name=note]")).sendKeys("<b>another</b> bug");
    follow(By.cssSelector("#split button"));
    assertThat(browser.findElement(By.cssSelector("p.done")).getText()).contains("Split out of");
    String split = browser.getCurrentUrl().replaceAll("\\?.*", "");
    assertThat(split).isNotEqualTo(cluster);
    assertThat(browser.findElement(By.cssSelector("table.members")).getText())
        .contains("s390x RHEL7 3.x")
        .doesNotContain("AMD64 Debian 3.x");
    assertThat(browser.findElement(By.cssSelector("ul.actions")).getText())
        .contains("alice · split", "<b>another</b> bug");
    screenshot("6-split");

    // Merge it back into the first cluster.
    String first = cluster.substring(cluster.lastIndexOf('/') + 1);
    browser.findElement(By.cssSelector("form[action$='/merge'] input[name=into]")).sendKeys(first);
    follow(By.cssSelector("form[action$='/merge'] button"));
    assertThat(browser.getCurrentUrl()).startsWith(cluster + "?done=merge");
    assertThat(browser.findElement(By.cssSelector("table.members")).getText())
        .contains("s390x RHEL7 3.x", "AMD64 Debian 3.x");

    // Link the issue, then mark it fixed.
    browser
        .findElement(By.cssSelector("form[action$='/issue'] input[name=url]"))
        .sendKeys("https://github.com/python/cpython/issues/109845");
    follow(By.cssSelector("form[action$='/issue'] button"));
    assertThat(browser.findElement(By.cssSelector("p.done")).getText()).contains("issue link");
    follow(By.cssSelector("form[action$='/fixed'] button"));
    assertThat(browser.findElement(By.cssSelector(".status")).getText()).isEqualTo("fixed");
    assertThat(browser.findElement(By.cssSelector("dl.meta")).getText()).contains("/issues/109845");
    assertThat(browser.findElements(By.cssSelector("form[action$='/reopen']"))).hasSize(1);
    screenshot("7-fixed");

    follow(By.cssSelector("form.session button"));
    assertThat(browser.findElement(By.cssSelector("header a.session")).getText())
        .isEqualTo("Sign in");
  }

  /** Clicks what leads to another page, and waits until the browser shows that page. */
  private static void follow(By link) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(link).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> left(page));
  }

  /**
   * Whether the browser has left the page this element belongs to. Chromium sometimes answers a
   * question about an element of the page it just left with "Node with given id does not belong to
   * the document" (an unknown error) instead of "stale element" (SeleniumHQ/selenium#15401); both
   * mean the page is gone.
   */
  private static boolean left(WebElement page) {
    try {
      page.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  @Test
  void everyPageSaysWhatMayRunOnIt() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(p -> assertThat(p).contains("script-src 'self'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}
