package io.showfloor.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.regex.Pattern;

/**
 * Serves the web app built into {@code webroot/} (from {@code web/}; on disk next to the program,
 * else inside the jar). Vite gives every asset a content-hashed name under {@code /assets/}, so
 * those are cached for a year; everything else (index.html, sw.js, the manifest) is revalidated so
 * a deploy shows at once. Page addresses of the app ({@code /shows/42}, {@code /verify?token=…})
 * have no file behind them and get index.html, whose router draws the page.
 */
final class WebApp {
  static final String ROOT = "webroot";
  private static final Pattern NOT_A_PAGE =
      Pattern.compile("^/(api|ws|health|metrics|openapi\\.yaml)(/.*)?$|.*/[^/]*\\.[^/]*$");

  private WebApp() {}

  static void mount(Router router) {
    router
        .get("/*")
        .handler(
            rc -> {
              rc.response()
                  .putHeader(
                      HttpHeaders.CACHE_CONTROL,
                      rc.normalizedPath().startsWith("/assets/")
                          ? "public, max-age=31536000, immutable"
                          : "no-cache");
              rc.next();
            });
    router
        .get("/*")
        .handler(StaticHandler.create(ROOT).setCachingEnabled(false).setIndexPage("index.html"));
    router.get("/*").handler(WebApp::page);
  }

  /** A path the static files did not have: an app page gets the shell, anything else a 404. */
  private static void page(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (NOT_A_PAGE.matcher(path).matches()) {
      rc.response()
          .headers()
          .remove(HttpHeaders.CACHE_CONTROL); // a 404 must not be cached for a year
      rc.next();
      return;
    }
    rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .sendFile(ROOT + "/index.html")
        .onFailure(
            e -> {
              if (!rc.response().headWritten()) {
                rc.response()
                    .headers()
                    .remove(HttpHeaders.CACHE_CONTROL)
                    .remove(HttpHeaders.CONTENT_TYPE);
                rc.next(); // no web app built (mvn -Dskip.web=true): a plain 404
              }
            });
  }
}
