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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Headless Chromium from the system (never downloaded), for the tests that look as a person would:
 * Chromium's headless shell when the machine has it (Debian: chromium-headless-shell), which is
 * what Playwright itself runs headless tests in, the same Blink without the full browser's windows
 * and services (the browser classes took half the time in it), else the full browser.
 * A class that does registers this with {@code @ExtendWith(TestBrowser.class)} and takes a
 * {@link Browser} parameter: every class gets the same one, launched when it is first asked for and
 * closed when the test run ends, so that the run starts Playwright's driver and Chromium once. A
 * test opens a {@link com.microsoft.playwright.BrowserContext} of its own, and nothing of another
 * test's pages, cookies or storage reaches it.
 */
public final class TestBrowser implements ParameterResolver {

  static final List<Path> SYSTEM_BINARIES =
      List.of(Paths.get("/usr/bin/chromium-headless-shell"), Paths.get("/usr/bin/chromium"));

  /** The binary: {@code -Dsertiflow.test.chromium}, else the first of {@link #SYSTEM_BINARIES} there is. */
  public static final Path CHROMIUM = chromium();

  /** Playwright's driver, told never to download a browser of its own. */
  public static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Headless {@link #CHROMIUM}, with nothing of its own reaching out to the network. */
  public static BrowserType.LaunchOptions launchOptions() {
    return new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM)
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"));
  }

  private static Path chromium() {
    String named = System.getProperty("sertiflow.test.chromium");
    if (named != null) {
      return Paths.get(named);
    }
    return SYSTEM_BINARIES.stream().filter(Files::isExecutable).findFirst()
        .orElse(SYSTEM_BINARIES.get(SYSTEM_BINARIES.size() - 1));
  }

  private static final Namespace NAMESPACE = Namespace.create(TestBrowser.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Browser resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // the root context's store lives as long as the run, and closes what it holds at its end
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Chromium.class, key -> Chromium.launch(), Chromium.class).browser;
  }

  /** Playwright's driver and the browser it launched, closed together. */
  private record Chromium(Playwright playwright, Browser browser)
      implements ExtensionContext.Store.CloseableResource {

    /** Launches Chromium, or fails saying how to install it. */
    static Chromium launch() {
      if (!Files.isExecutable(CHROMIUM)) {
        throw new AssertionError("The browser tests need headless Chromium at " + CHROMIUM
            + ", and there is none. Install it (Debian: apt-get install chromium-headless-shell, or"
            + " chromium) or name another binary with -Dsertiflow.test.chromium=/path/to/chromium.");
      }
      // a CI machine busy with a database may be slow to paint; a page that never shows still fails
      PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
      Playwright playwright = TestBrowser.playwright();
      return new Chromium(playwright, playwright.chromium().launch(launchOptions()));
    }

    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }
}
