package io.showfloor.testing;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;

/**
 * axe-core (the npm package the web build installs) run inside the page: WCAG 2.1 A/AA and best
 * practices.
 */
final class Axe {
  private static final Path SCRIPT = Path.of("web", "node_modules", "axe-core", "axe.min.js");
  private static String source;

  private Axe() {}

  private static synchronized String source() {
    if (source == null) {
      try {
        source = Files.readString(SCRIPT);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "axe-core is installed by the web build (npm ci in web/)", e);
      }
    }
    return source;
  }

  static void assertNoViolations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
      // a script file of the page's own origin: the app's CSP runs no inline script, a test's
      // included
      String path = "/__axe-core/axe.min.js";
      java.util.function.Consumer<Route> serve =
          route ->
              route.fulfill(
                  new Route.FulfillOptions()
                      .setContentType("application/javascript")
                      .setBody(source()));
      page.route("**" + path, serve);
      try {
        page.addScriptTag(new Page.AddScriptTagOptions().setUrl(path));
      } finally {
        page.unroute("**" + path, serve);
      }
    }
    String result =
        (String)
            page.evaluate(
                """
        async () => {
          const r = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            resultTypes: ['violations'],
          });
          return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })));
        }""");
    JsonArray violations = new JsonArray(result);
    if (!violations.isEmpty()) {
      String report =
          violations.stream()
              .map(JsonObject.class::cast)
              .map(
                  v ->
                      v.getString("id")
                          + " ("
                          + v.getString("impact")
                          + "): "
                          + v.getString("help")
                          + "\n    "
                          + v.getJsonArray("nodes").stream()
                              .map(String::valueOf)
                              .collect(Collectors.joining("\n    ")))
              .collect(Collectors.joining("\n  "));
      Assertions.fail(
          "axe-core found accessibility violations on " + page.url() + ":\n  " + report);
    }
  }
}
