package io.showfloor.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * One headless Chromium for the whole test run (Debian's /usr/bin/chromium, installed by
 * .ci/install; Playwright downloads no browser). Each test opens cheap isolated contexts on it:
 * {@link #open(Screen)} is a fresh profile with its own storage, like another person's phone.
 */
public final class WebBrowser {
  public static final Path CHROMIUM =
      Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static Playwright playwright;
  private static Browser browser;

  private WebBrowser() {}

  /** The sizes every page is checked and photographed at. */
  public enum Screen {
    PHONE(360, 780),
    DESKTOP(1280, 860);

    final int width;
    final int height;

    Screen(int width, int height) {
      this.width = width;
      this.height = height;
    }

    public String label() {
      return name().toLowerCase();
    }
  }

  /** A new, empty browser profile showing the test node's web app. */
  public static Visit open(Screen screen) {
    return open(screen, false);
  }

  /** The same, with service workers allowed (the PWA test); other tests keep the network plain. */
  public static Visit open(Screen screen, boolean serviceWorkers) {
    return open(screen, serviceWorkers, TestNode.api().base());
  }

  /** A new, empty browser profile showing the web app of another node (e.g. {@link StripeNode}). */
  public static Visit openOn(String base, Screen screen) {
    return open(screen, false, base);
  }

  private static Visit open(Screen screen, boolean serviceWorkers, String base) {
    BrowserContext context =
        browser()
            .newContext(
                new Browser.NewContextOptions()
                    .setBaseURL(base)
                    .setViewportSize(screen.width, screen.height)
                    .setDeviceScaleFactor(1)
                    .setIsMobile(screen == Screen.PHONE)
                    .setHasTouch(screen == Screen.PHONE)
                    .setLocale("en-US")
                    .setTimezoneId("UTC")
                    .setServiceWorkers(
                        serviceWorkers ? ServiceWorkerPolicy.ALLOW : ServiceWorkerPolicy.BLOCK));
    context.setDefaultTimeout(10_000);
    // every browser is its own client address (the test node trusts X-Forwarded-For), so
    // per-address rate limits on sign-up and login do not collide between tests
    context.setExtraHTTPHeaders(Map.of("X-Forwarded-For", ClientAddresses.next()));
    return new Visit(context, screen, base);
  }

  static synchronized Browser browser() {
    Assumptions.assumeFalse(Boolean.getBoolean("skip.web"), "web app not built (-Dskip.web=true)");
    if (!Files.exists(Path.of(WebApp.ROOT, "index.html"))) {
      throw new IllegalStateException(
          "webroot/index.html is missing: build the web app (mvn generate-resources) first");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(
          CHROMIUM + " is missing: run .ci/install (apt-get install chromium)");
    }
    if (browser == null) {
      playwright =
          Playwright.create(
              new Playwright.CreateOptions()
                  .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      // launch() gives Chromium a fresh temporary user-data-dir of its own, removed on close
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(CHROMIUM)
                      .setHeadless(true)
                      .setArgs(
                          List.of(
                              "--headless",
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-background-networking",
                              "--disable-dev-shm-usage")));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    browser.close();
                    playwright.close();
                  }));
    }
    return browser;
  }

  /** Where the built web app lives, as the node serves it. */
  static final class WebApp {
    static final String ROOT = "webroot";

    private WebApp() {}
  }
}
