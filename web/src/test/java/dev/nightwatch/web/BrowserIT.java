package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

  static final DropwizardAppExtension<NightwatchConfiguration> APP = TestLogs.app(DATA);

  private static WebDriver browser;

  /** A regrtest failure whose assertion message is markup. */
  private static final String HOSTILE =
      TestLogs.htmlkitFailure("'<script>document.title=\"pwned\"</script>' != 'x'");

  @BeforeAll
  static void importAndOpenTheBrowser() throws Exception {
    Path logs = Files.createDirectories(DATA.resolve("incoming"));
    Files.writeString(logs.resolve("PPC64LE Fedora 3.x-8.log"), HOSTILE);
    Files.writeString(logs.resolve("s390x RHEL8 3.x-9.log"), HOSTILE);
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

    browser.findElement(By.cssSelector("h2 a[href^='/clusters/']")).click();
    assertThat(browser.getCurrentUrl()).contains("/clusters/");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("AssertionError");
    screenshot("2-cluster");

    browser.findElement(By.cssSelector("a[href^='/failures/']")).click();
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
