package io.showfloor.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;

/**
 * One person's browser on the web app: a fresh context with one page. It records every console
 * error and uncaught exception, so a test can assert the app logged none, and it signs in, checks
 * accessibility and takes screenshots.
 */
public final class Visit implements AutoCloseable {
  /**
   * Chromium logs each HTTP error answer as a console error. The app shows API refusals (a 4xx
   * problem+json) to the person in words, so those are expected; a 5xx or a broken asset is not.
   */
  private static final Pattern EXPECTED_REFUSAL =
      Pattern.compile("Failed to load resource: the server responded with a status of 4\\d\\d.*");

  public final BrowserContext context;
  public final Page page;
  public final WebBrowser.Screen screen;
  private final String base;
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<WebSocketRoute> liveRoutes = new CopyOnWriteArrayList<>();
  private volatile boolean liveUp = true;

  Visit(BrowserContext context, WebBrowser.Screen screen, String base) {
    this.context = context;
    this.screen = screen;
    this.base = base;
    this.page = context.newPage();
    page.onConsoleMessage(this::onConsole);
    page.onPageError(error -> errors.add("uncaught: " + error));
    page.onResponse(this::onResponse);
  }

  private void onConsole(ConsoleMessage message) {
    if (!"error".equals(message.type())) {
      return;
    }
    String url = message.location() == null ? "" : String.valueOf(message.location());
    if (EXPECTED_REFUSAL.matcher(message.text()).matches() && url.contains("/api/")) {
      return;
    }
    errors.add(message.text() + (url.isEmpty() ? "" : " at " + url));
  }

  private void onResponse(Response response) {
    if (response.status() >= 500) {
      errors.add("HTTP " + response.status() + " from " + response.url());
    }
  }

  /** Opens a path of the app and waits until the page's heading is drawn. */
  public Visit go(String path) {
    page.navigate(path);
    page.locator("main h1").first().waitFor();
    return this;
  }

  /** Fills the checkout page's shipping address. */
  public Visit fillShippingAddress(String name, String street, String city, String postalCode) {
    page.getByLabel("Full name").fill(name);
    page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill(street);
    page.getByLabel("City").fill(city);
    page.getByLabel("Postal code").fill(postalCode);
    return this;
  }

  /**
   * Starts this browser signed in as the user, the way a login leaves it: the refresh token in the
   * HttpOnly cookie (the app trades it for an access token on page load), without going through the
   * login form; the login form has its own test.
   */
  public Visit signIn(Users.TestUser user) {
    URI node = URI.create(base);
    context.addCookies(
        List.of(
            new Cookie("sf_refresh", Users.refreshToken(user))
                .setDomain(node.getHost())
                .setPath("/api/auth")
                .setHttpOnly(true)
                .setSameSite(SameSiteAttribute.STRICT)));
    // the app's note that this browser may hold a refresh cookie (no secret in it)
    context.addInitScript("localStorage.setItem('showfloor.signedIn', '1');");
    return this;
  }

  /**
   * Passes the app's WebSocket through Playwright so a test can cut it like a network drop ({@link
   * #dropLiveConnection()}) and let it come back. Call before the first {@link #go}.
   */
  public Visit withControllableLiveConnection() {
    page.routeWebSocket(
        Pattern.compile(".*/ws(\\?.*)?$"),
        route -> {
          if (!liveUp) {
            route.close(new WebSocketRoute.CloseOptions().setCode(1006).setReason("network down"));
            return;
          }
          liveRoutes.add(route);
          liveRoutes.add(route.connectToServer());
        });
    return this;
  }

  /** Cuts the live connection; reconnect attempts fail until {@link #restoreLiveConnection()}. */
  public void dropLiveConnection() {
    liveUp = false;
    for (WebSocketRoute route : liveRoutes) {
      route.close(new WebSocketRoute.CloseOptions().setCode(1006).setReason("network down"));
    }
    liveRoutes.clear();
  }

  public void restoreLiveConnection() {
    liveUp = true;
  }

  /** Fails with every accessibility violation axe-core finds on the page as it is now. */
  public Visit assertAccessible() {
    Axe.assertNoViolations(page);
    return this;
  }

  /** Saves the whole page as target/screenshots/{name}-{phone|desktop}.png. */
  public Visit screenshot(String name) {
    // from the top, so the sticky header sits where people see it
    page.evaluate("window.scrollTo(0, 0)");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setFullPage(true)
            .setPath(Path.of("target", "screenshots", name + "-" + screen.label() + ".png")));
    return this;
  }

  public Visit assertNoConsoleErrors() {
    synchronized (errors) {
      Assertions.assertEquals(
          List.of(), List.copyOf(errors), "the browser console should stay clean");
    }
    return this;
  }

  public List<String> consoleErrors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
