package id.sertiflow;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/** Headless Chromium from the system (never downloaded), for the tests that look as a person would. */
public final class TestBrowser implements AutoCloseable {

  public static final Path CHROMIUM =
      Paths.get(System.getProperty("sertiflow.test.chromium", "/usr/bin/chromium"));

  private final Playwright playwright;
  private final Browser browser;

  private TestBrowser(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches Chromium, or fails saying how to install it. */
  public static TestBrowser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError("The browser tests need headless Chromium at " + CHROMIUM
          + ", and there is none. Install it (Debian: apt-get install chromium) or name another"
          + " binary with -Dsertiflow.test.chromium=/path/to/chromium.");
    }
    // a CI machine busy with a database may be slow to paint; a page that never shows still fails
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    return new TestBrowser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"))));
  }

  public Browser browser() {
    return browser;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
