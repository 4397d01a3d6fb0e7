package io.showfloor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.showfloor.testing.Api;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The node serves the web app")
class WebAppServingTest {
  private final Api api = TestNode.api();

  private static void assumeBuilt() {
    Assumptions.assumeFalse(Boolean.getBoolean("skip.web"), "web app not built (-Dskip.web=true)");
  }

  @Test
  @DisplayName(
      "the app's pages, including links from mails, answer with the app shell, revalidated on every visit")
  void pagesGetTheShell() {
    assumeBuilt();
    for (String path :
        new String[] {
          "/", "/shows/42", "/verify?token=abc", "/reset-password?token=abc", "/market/ACME"
        }) {
      Api.Response page = api.get(path).expect(200);
      assertTrue(
          page.header("Content-Type").startsWith("text/html"),
          path + ": " + page.header("Content-Type"));
      assertTrue(page.body().contains("<div id=\"app\">"), path + " should be the app shell");
      assertEquals("no-cache", page.header("Cache-Control"), path);
    }
  }

  @Test
  @DisplayName(
      "hashed assets are cached for a year, and a missing file is a plain 404, not the shell")
  void assetsAndMissingFiles() {
    assumeBuilt();
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(api.get("/").body());
    assertTrue(script.find(), "index.html should load a hashed script");
    Api.Response asset = api.get(script.group(1)).expect(200);
    assertEquals("public, max-age=31536000, immutable", asset.header("Cache-Control"));

    Api.Response missing = api.get("/assets/nothing-here.js");
    missing.expectProblem(404, "not_found");
    assertEquals(null, missing.header("Cache-Control"), "a 404 must not be cached");
    api.get("/favicon-that-does-not-exist.png").expectProblem(404, "not_found");
    api.get("/api/no-such-endpoint").expectProblem(404, "not_found");
  }

  @Test
  @DisplayName(
      "it is installable: a manifest with icons, and a service worker that caches the shell for offline starts")
  void installable() {
    assumeBuilt();
    JsonObject manifest = api.get("/manifest.json").expect(200).json();
    assertEquals("standalone", manifest.getString("display"));
    assertEquals("/", manifest.getString("start_url"));
    assertTrue(
        manifest.getJsonArray("icons").stream()
            .map(JsonObject.class::cast)
            .anyMatch(icon -> "512x512".equals(icon.getString("sizes"))),
        "a 512 px icon");
    api.get("/icon-512.png").expect(200);

    try (Visit visit = WebBrowser.open(Screen.PHONE, true)) {
      visit.go("/");
      Page page = visit.page;
      Object cached =
          page.evaluate(
              """
          async () => {
            const registration = await navigator.serviceWorker.ready;
            const keys = await caches.keys();
            const cache = await caches.open(keys.find(k => k.startsWith('showfloor-shell-')));
            const urls = (await cache.keys()).map(r => new URL(r.url).pathname);
            return { active: !!registration.active, urls };
          }""");
      String summary = String.valueOf(cached);
      assertTrue(summary.contains("active=true"), summary);
      assertTrue(
          summary.contains("/assets/index-") && summary.contains("/manifest.json"),
          "the shell is cached: " + summary);

      // offline, the app still opens from the cache
      visit.context.setOffline(true);
      page.navigate("/");
      page.locator("main h1").first().waitFor();
      assertTrue(page.title().contains("Showfloor"));
      visit.context.setOffline(false);
    }
  }
}
