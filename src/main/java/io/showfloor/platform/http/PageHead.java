package io.showfloor.platform.http;

import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * What a shared link shows before the app runs: the page's title, a sentence, a picture and the
 * Open Graph type, written into the HTML head for crawlers (Open Graph, Twitter cards). Domains
 * answer it as JSON over the local event bus ({@link #ADDRESS}); only this edge writes HTML, and
 * every value is escaped here.
 */
public record PageHead(
    String title, String description, @Nullable String image, String type, String path) {
  /** Local event-bus address: the request body is a page path, the answer a PageHead's JSON. */
  public static final String ADDRESS = "web.page-head";

  /** Local event-bus address: the answer is {@code {urls: [{path, lastmod}]}} for sitemap.xml. */
  public static final String SITEMAP_ADDRESS = "web.sitemap";

  public JsonObject toJson() {
    return new JsonObject()
        .put("title", title)
        .put("description", description)
        .put("image", image)
        .put("type", type)
        .put("path", path);
  }

  static @Nullable PageHead fromJson(@Nullable JsonObject json) {
    if (json == null || json.getString("title") == null) {
      return null;
    }
    return new PageHead(
        json.getString("title"),
        json.getString("description", ""),
        json.getString("image"),
        json.getString("type", "website"),
        json.getString("path", "/"));
  }

  /** The tags, every value HTML-escaped; relative picture addresses made absolute. */
  String html(String publicUrl) {
    String url = publicUrl + path;
    String picture = image == null ? publicUrl + "/icon-512.png" : absolute(publicUrl, image);
    StringBuilder h = new StringBuilder();
    h.append("<title>").append(escape(title)).append("</title>\n");
    meta(h, "name", "description", description);
    h.append("    <link rel=\"canonical\" href=\"").append(escape(url)).append("\">\n");
    meta(h, "property", "og:site_name", "Showfloor");
    meta(h, "property", "og:type", type);
    meta(h, "property", "og:title", title);
    meta(h, "property", "og:description", description);
    meta(h, "property", "og:url", url);
    meta(h, "property", "og:image", picture);
    meta(h, "name", "twitter:card", image == null ? "summary" : "summary_large_image");
    meta(h, "name", "twitter:title", title);
    meta(h, "name", "twitter:description", description);
    meta(h, "name", "twitter:image", picture);
    return h.toString();
  }

  private static void meta(StringBuilder h, String attribute, String name, String content) {
    h.append("    <meta ")
        .append(attribute)
        .append("=\"")
        .append(name)
        .append("\" content=\"")
        .append(escape(content))
        .append("\">\n");
  }

  private static String absolute(String publicUrl, String image) {
    if (image.startsWith("https://") || image.startsWith("http://")) {
      return image;
    }
    return publicUrl + (image.startsWith("/") ? "" : "/") + image;
  }

  /** Text and attribute values alike: the five characters HTML gives a meaning. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
