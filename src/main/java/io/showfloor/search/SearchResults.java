package io.showfloor.search;

import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Rows of a search as the JSON a client shows: each item says its kind and where it lives. */
final class SearchResults {
  private SearchResults() {}

  static JsonObject item(SearchRequest.Kind kind, Row r) {
    return switch (kind) {
      case PRODUCTS ->
          new JsonObject()
              .put("kind", "product")
              .put("id", r.getLong("id"))
              .put("title", r.getString("title"))
              .put("category", r.getString("category"))
              .put("condition", r.getString("condition"))
              .put("priceCents", r.getLong("price_cents"))
              .put("imageUrl", firstImage(r))
              .put("sellerId", r.getLong("seller_id"))
              .put("sellerName", r.getString("seller_name"))
              .put("inStock", r.getBoolean("in_stock"))
              .put("createdAt", time(r.getOffsetDateTime("created_at")))
              .put("href", "/products/" + r.getLong("id"));
      case LOTS ->
          new JsonObject()
              .put("kind", "lot")
              .put("id", r.getLong("id"))
              .put("showId", r.getLong("show_id"))
              .put("productId", r.getLong("product_id"))
              .put("title", r.getString("title"))
              .put("category", r.getString("category"))
              .put("condition", r.getString("condition"))
              .put("imageUrl", firstImage(r))
              .put("status", r.getString("status"))
              .put("position", r.getInteger("position"))
              .put("currentPriceCents", r.getLong("current_price_cents"))
              .put("bidCount", r.getInteger("bid_count"))
              .put("endsAt", time(r.getOffsetDateTime("ends_at")))
              .put("showTitle", r.getString("show_title"))
              .put("showStatus", r.getString("show_status"))
              .put("href", "/shows/" + r.getLong("show_id"));
      case SHOWS ->
          new JsonObject()
              .put("kind", "show")
              .put("id", r.getLong("id"))
              .put("title", r.getString("title"))
              .put("category", r.getString("category"))
              .put("status", r.getString("status"))
              .put("scheduledAt", time(r.getOffsetDateTime("scheduled_at")))
              .put("startedAt", time(r.getOffsetDateTime("started_at")))
              .put("coverImageUrl", r.getString("cover_image_url"))
              .put("hostId", r.getLong("host_id"))
              .put("hostName", r.getString("host_name"))
              .put("href", "/shows/" + r.getLong("id"));
      case SELLERS ->
          new JsonObject()
              .put("kind", "seller")
              .put("id", r.getLong("id"))
              .put("displayName", r.getString("display_name"))
              .put("href", "/hosts/" + r.getLong("id"));
      case INSTRUMENTS ->
          new JsonObject()
              .put("kind", "instrument")
              .put("symbol", r.getString("symbol"))
              .put("name", r.getString("name"))
              .put("productId", r.getLong("product_id"))
              .put("priceCents", r.getLong("price_cents"))
              .put("phase", r.getString("phase"))
              .put("href", "/market/" + r.getString("symbol"));
    };
  }

  /** {items, nextAfter}: the query asked for limit + 1 rows; the extra one only says "more". */
  static JsonObject page(SearchRequest request, Iterable<Row> rows) {
    JsonObject page =
        KeysetPage.after(
            rows,
            request.limit(),
            row -> item(request.kind(), row),
            last ->
                new SearchCursor(
                        request.sort(),
                        last.getBigDecimal("sort_key"),
                        String.valueOf(last.getValue("tie")))
                    .encode());
    return new JsonObject()
        .put("kind", request.kind().key())
        .put("sort", request.sort().key())
        .put("items", page.getJsonArray("items"))
        .put("nextAfter", page.getValue("nextAfter"));
  }

  private static @Nullable String firstImage(Row r) {
    String[] urls = r.getArrayOfStrings("image_urls");
    return urls == null || urls.length == 0 ? null : Arrays.stream(urls).findFirst().orElse(null);
  }

  private static @Nullable String time(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
