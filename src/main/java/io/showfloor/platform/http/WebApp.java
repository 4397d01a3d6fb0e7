package io.showfloor.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Serves the web app built into {@code webroot/} (from {@code web/}; on disk next to the program,
 * else inside the jar). Vite gives every asset a content-hashed name under {@code /assets/}, so
 * those are cached for a year; everything else (index.html, sw.js, the manifest) is revalidated so
 * a deploy shows at once. Page addresses of the app ({@code /shows/42}, {@code /verify?token=…})
 * have no file behind them and get index.html, whose router draws the page.
 *
 * <p>A shared link to a show, product, lot, instrument or profile is read by crawlers that run no
 * script, so for those pages the shell's head carries the thing's own title, Open Graph and Twitter
 * tags ({@link PageHead}, asked of the domains over the local event bus). {@code /robots.txt} and
 * {@code /sitemap.xml} are written here, with the public address in them.
 */
final class WebApp {
  static final String ROOT = "webroot";
  private static final Pattern NOT_A_PAGE =
      Pattern.compile("^/(api|ws|health|metrics|openapi\\.yaml)(/.*)?$|.*/[^/]*\\.[^/]*$");

  /** The pages a link preview describes; anything else gets the shell as built. */
  private static final Pattern PREVIEWED =
      Pattern.compile(
          "^/(shows|products|lots|hosts)/[1-9][0-9]{0,17}$|^/market/[A-Za-z][A-Za-z0-9]{0,11}$");

  /** The shell's own generic head tags, replaced on a previewed page. */
  private static final Pattern GENERIC_HEAD =
      Pattern.compile(
          "\\s*<title>[^<]*</title>|\\s*<meta (name|property)=\"(description|og:[a-z_:]+|twitter:[a-z_:]+)\"[^>]*>|\\s*<link rel=\"canonical\"[^>]*>");

  private static final long HEAD_TIMEOUT_MS = 1_000;

  private final Vertx vertx;
  private final String publicUrl;

  private WebApp(Vertx vertx, String publicUrl) {
    this.vertx = vertx;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  static void mount(Router router, Vertx vertx, String publicUrl) {
    WebApp app = new WebApp(vertx, publicUrl);
    router.get("/robots.txt").handler(app::robots);
    router.get("/sitemap.xml").handler(app::sitemap);
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
    router.get("/*").handler(app::page);
  }

  private void robots(RoutingContext rc) {
    rc.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain;charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
        .end(
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /account\nDisallow: /cart\n"
                + "Disallow: /checkout\nDisallow: /orders\nDisallow: /wallet\nDisallow: /admin\n"
                + "Disallow: /studio\n\nSitemap: "
                + publicUrl
                + "/sitemap.xml\n");
  }

  /** Every public page worth finding, newest first, within the protocol's 50,000 addresses. */
  private void sitemap(RoutingContext rc) {
    vertx
        .eventBus()
        .<JsonObject>request(
            PageHead.SITEMAP_ADDRESS,
            null,
            new DeliveryOptions().setSendTimeout(10_000).setLocalOnly(true))
        .onSuccess(
            reply -> {
              StringBuilder xml =
                  new StringBuilder(
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
              xml.append("  <url><loc>")
                  .append(PageHead.escape(publicUrl + "/"))
                  .append("</loc></url>\n");
              JsonArray urls = reply.body().getJsonArray("urls", new JsonArray());
              for (int i = 0; i < urls.size(); i++) {
                JsonObject url = urls.getJsonObject(i);
                xml.append("  <url><loc>")
                    .append(PageHead.escape(publicUrl + url.getString("path")))
                    .append("</loc>");
                String lastmod = url.getString("lastmod");
                if (lastmod != null) {
                  xml.append("<lastmod>").append(PageHead.escape(lastmod)).append("</lastmod>");
                }
                xml.append("</url>\n");
              }
              xml.append("</urlset>\n");
              rc.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/xml;charset=UTF-8")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=900")
                  .end(xml.toString());
            })
        .onFailure(rc::fail);
  }

  /** A path the static files did not have: an app page gets the shell, anything else a 404. */
  private void page(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (NOT_A_PAGE.matcher(path).matches()) {
      rc.response()
          .headers()
          .remove(HttpHeaders.CACHE_CONTROL); // a 404 must not be cached for a year
      rc.next();
      return;
    }
    if (PREVIEWED.matcher(path).matches()) {
      Future.all(vertx.fileSystem().readFile(ROOT + "/index.html"), head(path))
          .map(
              both -> {
                Buffer shell = both.resultAt(0);
                @Nullable PageHead head = both.resultAt(1);
                String html = shell.toString();
                if (head != null) {
                  html =
                      GENERIC_HEAD
                          .matcher(html)
                          .replaceAll("")
                          .replaceFirst(
                              "</head>",
                              // a price ("$12.00") must not read as a group reference
                              Matcher.quoteReplacement(
                                  "    " + head.html(publicUrl).strip() + "\n  </head>"));
                }
                return html;
              })
          .onSuccess(
              html ->
                  rc.response()
                      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                      .end(html))
          .onFailure(e -> shell(rc)); // no shell built, or a head that could not be written
      return;
    }
    shell(rc);
  }

  /** The thing's head, or null when it is unknown or its domain did not answer in time. */
  private Future<@Nullable PageHead> head(String path) {
    return vertx
        .eventBus()
        .<JsonObject>request(
            PageHead.ADDRESS,
            path,
            new DeliveryOptions().setSendTimeout(HEAD_TIMEOUT_MS).setLocalOnly(true))
        .map(reply -> PageHead.fromJson(reply.body()))
        .otherwise((PageHead) null);
  }

  private static void shell(RoutingContext rc) {
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
