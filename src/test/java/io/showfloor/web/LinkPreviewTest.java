package io.showfloor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Products;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Link previews: shared pages carry their own title, Open Graph and Twitter tags")
class LinkPreviewTest {
  private final Api api = TestNode.api();

  private static void assumeBuilt() {
    Assumptions.assumeFalse(Boolean.getBoolean("skip.web"), "web app not built (-Dskip.web=true)");
  }

  private String page(String path) {
    Api.Response page = api.get(path).expect(200);
    assertTrue(page.header("Content-Type").startsWith("text/html"), path);
    assertTrue(page.body().contains("<div id=\"app\">"), path + " is still the app shell");
    return page.body();
  }

  @Test
  @DisplayName(
      "a product link has the product's title, price and picture in og: and twitter: tags, HTML-escaped, once each")
  void product() {
    assumeBuilt();
    Users.TestUser seller = Users.create("seller");
    long id =
        Products.create(
                seller,
                new JsonObject()
                    .put("title", "Holo \"Charizard\" <script>alert(1)</script> & co")
                    .put("priceCents", 12_345)
                    .put(
                        "imageUrls",
                        new JsonArray().add("https://img.example/charizard.jpg?size=large&v=2")))
            .getLong("id");
    String html = page("/products/" + id);
    String title =
        "Holo &quot;Charizard&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; co · $123.45";
    assertTrue(html.contains("<meta property=\"og:title\" content=\"" + title + "\">"), html);
    assertTrue(html.contains("<title>" + title + "</title>"), html);
    assertTrue(
        html.contains(
            "<meta property=\"og:image\" content=\"https://img.example/charizard.jpg?size=large&amp;v=2\">"),
        html);
    assertTrue(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"), html);
    assertTrue(html.contains("<meta property=\"og:type\" content=\"product\">"), html);
    assertTrue(html.contains("/products/" + id + "\">"), "og:url and canonical name the page");
    assertFalse(html.contains("<script>alert(1)"), "no markup from the title reaches the page");
    assertEquals(1, count(html, "<title>"), "one title");
    assertEquals(1, count(html, "property=\"og:title\""), "one og:title");
    assertEquals(1, count(html, "name=\"description\""), "one description");
  }

  @Test
  @DisplayName(
      "show, lot, instrument and profile links are described; unknown ones get the plain shell")
  void otherPages() {
    assumeBuilt();
    Users.TestUser host = Users.create("creator", "seller");
    long show =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Friday Card Breaks")
                    .put("category", "trading-cards")
                    .put("description", "Packs opened live.")
                    // served by the node itself: browser tests list this show too
                    .put("coverImageUrl", TestNode.api().base() + "/icon-192.png")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(3, ChronoUnit.HOURS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    String showHtml = page("/shows/" + show);
    assertTrue(showHtml.contains("og:title\" content=\"Friday Card Breaks · Live "), showHtml);
    assertTrue(
        showHtml.contains("og:image\" content=\"" + TestNode.api().base() + "/icon-192.png\""),
        showHtml);
    assertTrue(showHtml.contains("Hosted by " + host.displayName()), showHtml);

    long product =
        Products.create(host, new JsonObject().put("title", "Sealed booster box")).getLong("id");
    long lot =
        host.api()
            .post(
                "/api/shows/" + show + "/lots",
                new JsonObject()
                    .put("productId", product)
                    .put("startingPriceCents", 2_000)
                    .put("durationSeconds", 30)
                    .put("mode", "standard"))
            .expect(201)
            .json()
            .getLong("id");
    String lotHtml = page("/lots/" + lot);
    assertTrue(
        lotHtml.contains("og:title\" content=\"Sealed booster box · lot in Friday Card Breaks\""),
        lotHtml);
    assertTrue(lotHtml.contains("Coming up, starting at $20.00"), lotHtml);

    String profile = page("/hosts/" + host.id());
    assertTrue(
        profile.contains("og:title\" content=\"" + host.displayName() + " on Showfloor\""),
        profile);
    assertTrue(profile.contains("has hosted 1 show"), profile);

    MarketFixture.Listing listing =
        MarketFixture.listed("OG", new JsonObject().put("name", "Vintage Rolex share"));
    String market = page("/market/" + listing.symbol());
    assertTrue(
        market.contains("og:title\" content=\"" + listing.symbol() + " · Vintage Rolex share\""),
        market);

    String unknown = page("/products/999999999");
    assertFalse(
        unknown.contains("og:type\" content=\"product\""), "no preview for what is not there");
    assertTrue(unknown.contains("<title>Showfloor</title>"), unknown);
  }

  @Test
  @DisplayName(
      "sitemap.xml lists products and shows under the public address; robots.txt points to it")
  void sitemapAndRobots() {
    Users.TestUser host = Users.create("creator", "seller");
    long product = Products.create(host, 1_000, 1).getLong("id");
    long show =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Sitemap show")
                    .put("category", "vintage")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(1, ChronoUnit.DAYS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    String publicUrl = TestNode.get().platform().http().publicUrl();
    Api.Response sitemap = api.get("/sitemap.xml").expect(200);
    assertTrue(sitemap.header("Content-Type").startsWith("application/xml"));
    String xml = sitemap.body();
    assertTrue(xml.startsWith("<?xml"), xml);
    assertTrue(xml.contains("<loc>" + publicUrl + "/products/" + product + "</loc>"), xml);
    assertTrue(xml.contains("<loc>" + publicUrl + "/shows/" + show + "</loc>"), xml);
    assertTrue(xml.contains("<loc>" + publicUrl + "/hosts/" + host.id() + "</loc>"), xml);

    String robots = api.get("/robots.txt").expect(200).body();
    assertTrue(robots.contains("Disallow: /api/"), robots);
    assertTrue(robots.contains("Sitemap: " + publicUrl + "/sitemap.xml"), robots);
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
