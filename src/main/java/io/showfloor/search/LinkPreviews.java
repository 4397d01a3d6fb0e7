package io.showfloor.search;

import io.showfloor.platform.Money;
import io.showfloor.platform.http.PageHead;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a shared link says before the app runs: the head of a show, product, lot, instrument or
 * profile page ({@link PageHead}), and the addresses of sitemap.xml. Answers the web edge over the
 * local event bus, read through the domains' read ports like search.
 */
final class LinkPreviews {
  private static final int SITEMAP_LIMIT = 49_999; // plus the home page: the protocol's 50,000
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM, HH:mm 'UTC'", Locale.ENGLISH);

  private final Database db;

  LinkPreviews(Database db) {
    this.db = db;
  }

  Future<Void> listen(Vertx vertx) {
    var heads =
        vertx
            .eventBus()
            .<String>localConsumer(PageHead.ADDRESS)
            .handler(
                message ->
                    head(message.body())
                        .onSuccess(h -> message.reply(h == null ? new JsonObject() : h.toJson()))
                        .onFailure(e -> message.fail(500, String.valueOf(e.getMessage()))));
    var sitemap =
        vertx
            .eventBus()
            .<Object>localConsumer(PageHead.SITEMAP_ADDRESS)
            .handler(
                message ->
                    sitemap()
                        .onSuccess(message::reply)
                        .onFailure(e -> message.fail(500, String.valueOf(e.getMessage()))));
    return Future.all(heads.completion(), sitemap.completion()).mapEmpty();
  }

  Future<@Nullable PageHead> head(String path) {
    String[] parts = path.split("/");
    if (parts.length != 3) {
      return Future.succeededFuture(null);
    }
    String key = parts[2];
    return switch (parts[1]) {
      case "products" -> product(Long.parseLong(key), path);
      case "shows" -> show(Long.parseLong(key), path);
      case "lots" -> lot(Long.parseLong(key), path);
      case "hosts" -> profile(Long.parseLong(key), path);
      case "market" -> instrument(key.toUpperCase(Locale.ROOT), path);
      default -> Future.succeededFuture(null);
    };
  }

  private Future<@Nullable PageHead> product(long id, String path) {
    return first(
        "SELECT p.title, p.category, p.condition, p.price_cents, p.image_urls, u.display_name"
            + " FROM product_directory p JOIN user_directory u ON u.id = p.seller_id"
            + " WHERE p.id = $1 AND p.status = 'active'",
        Tuple.of(id),
        r ->
            new PageHead(
                r.getString("title") + " · " + Money.dollars(r.getLong("price_cents")),
                words(r.getString("condition"))
                    + " · "
                    + words(r.getString("category"))
                    + " · sold by "
                    + r.getString("display_name")
                    + ". Buy it now or bid live on Showfloor.",
                firstImage(r),
                "product",
                path));
  }

  private Future<@Nullable PageHead> show(long id, String path) {
    return first(
        "SELECT s.title, s.description, s.status, s.scheduled_at, s.cover_image_url, u.display_name"
            + " FROM shows s JOIN user_directory u ON u.id = s.host_id WHERE s.id = $1",
        Tuple.of(id),
        r -> {
          String status = r.getString("status");
          String when =
              switch (status) {
                case "live" -> "Live now";
                case "scheduled" -> "Live " + WHEN.format(r.getOffsetDateTime("scheduled_at"));
                case "ended" -> "Replay";
                default -> "Cancelled";
              };
          String description = r.getString("description");
          return new PageHead(
              r.getString("title") + " · " + when,
              "Hosted by "
                  + r.getString("display_name")
                  + " on Showfloor."
                  + (description.isBlank() ? "" : " " + clip(description, 200)),
              r.getString("cover_image_url"),
              "video.other",
              path);
        });
  }

  private Future<@Nullable PageHead> lot(long id, String path) {
    return first(
        "SELECT p.title, p.image_urls, l.status, l.current_price_cents, l.bid_count, s.title AS show_title"
            + " FROM lot_directory l JOIN product_directory p ON p.id = l.product_id"
            + " JOIN shows s ON s.id = l.show_id WHERE l.id = $1",
        Tuple.of(id),
        r -> {
          int bids = r.getInteger("bid_count");
          String price = Money.dollars(r.getLong("current_price_cents"));
          String state =
              switch (r.getString("status")) {
                case "open" ->
                    "Bidding now at " + price + " · " + bids + (bids == 1 ? " bid" : " bids");
                case "sold" -> "Sold for " + price;
                case "queued" -> "Coming up, starting at " + price;
                default -> "Closed";
              };
          return new PageHead(
              r.getString("title") + " · lot in " + r.getString("show_title"),
              state + ". A countdown auction on Showfloor.",
              firstImage(r),
              "product",
              path);
        });
  }

  private Future<@Nullable PageHead> profile(long id, String path) {
    return first(
        "SELECT u.display_name,"
            + " (SELECT count(*) FROM shows s WHERE s.host_id = u.id AND s.status <> 'cancelled') AS shows"
            + " FROM user_directory u WHERE u.id = $1 AND u.status = 'active'",
        Tuple.of(id),
        r -> {
          long shows = r.getLong("shows");
          return new PageHead(
              r.getString("display_name") + " on Showfloor",
              r.getString("display_name")
                  + (shows == 0
                      ? " is on Showfloor."
                      : " has hosted "
                          + shows
                          + (shows == 1 ? " show" : " shows")
                          + " on Showfloor.")
                  + " Follow to hear when they go live.",
              null,
              "profile",
              path);
        });
  }

  private Future<@Nullable PageHead> instrument(String symbol, String path) {
    return first(
        "SELECT symbol, name, coalesce(last_price_cents, reference_price_cents) AS price_cents"
            + " FROM instrument_directory WHERE symbol = $1 AND status = 'approved'",
        Tuple.of(symbol),
        r ->
            new PageHead(
                r.getString("symbol") + " · " + r.getString("name"),
                "Fractional shares of "
                    + r.getString("name")
                    + ", last at "
                    + Money.dollars(r.getLong("price_cents"))
                    + " a share on the Showfloor market.",
                null,
                "website",
                "/market/" + r.getString("symbol")));
  }

  /** Products, shows, hosts and instruments, newest first. */
  Future<JsonObject> sitemap() {
    return db.query(
            """
            (SELECT '/shows/' || s.id AS path, coalesce(s.updated_at, s.created_at) AS changed
               FROM shows s WHERE s.status <> 'cancelled' ORDER BY s.id DESC LIMIT $1)
            UNION ALL
            (SELECT '/products/' || p.id, p.created_at FROM product_directory p
              WHERE p.status = 'active' ORDER BY p.id DESC LIMIT $1)
            UNION ALL
            (SELECT '/market/' || i.symbol, i.created_at FROM instrument_directory i
              WHERE i.status = 'approved' ORDER BY i.created_at DESC LIMIT $1)
            UNION ALL
            (SELECT '/hosts/' || h.host_id, max(h.created_at) FROM shows h
              WHERE h.status <> 'cancelled' GROUP BY h.host_id ORDER BY max(h.created_at) DESC LIMIT $1)
            ORDER BY changed DESC LIMIT $1
            """,
            Tuple.of(SITEMAP_LIMIT))
        .map(
            rows -> {
              JsonArray urls = new JsonArray();
              for (Row r : rows) {
                OffsetDateTime changed = r.getOffsetDateTime("changed");
                urls.add(
                    new JsonObject()
                        .put("path", r.getString("path"))
                        .put("lastmod", changed == null ? null : changed.toLocalDate().toString()));
              }
              return new JsonObject().put("urls", urls);
            });
  }

  private Future<@Nullable PageHead> first(
      String sql, Tuple args, java.util.function.Function<Row, PageHead> map) {
    return db.query(sql, args)
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? map.apply(it.next()) : null;
            });
  }

  private static @Nullable String firstImage(Row r) {
    String[] urls = r.getArrayOfStrings("image_urls");
    return urls == null || urls.length == 0 ? null : urls[0];
  }

  private static String words(String slug) {
    String spaced = slug.replace('_', ' ').replace('-', ' ');
    return spaced.isEmpty()
        ? spaced
        : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static String clip(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max - 1).strip() + "…";
  }
}
