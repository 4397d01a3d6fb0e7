package io.showfloor.commerce.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;

/**
 * A seller's product as stored; {@code quantity} in the API is the units still for sale (stock).
 */
public record Product(
    long id,
    long sellerId,
    String sku,
    String title,
    String description,
    String category,
    String condition,
    long priceCents,
    int quantity,
    long shippingCents,
    List<String> imageUrls,
    int lowStockThreshold,
    String status,
    String createdAt,
    String updatedAt) {
  public static final String COLUMNS =
      "id, seller_id, sku, title, description, category, condition, price_cents, "
          + "stock, shipping_cents, image_urls, low_stock_threshold, status, created_at, updated_at";

  public static Product of(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    return new Product(
        row.getLong("id"),
        row.getLong("seller_id"),
        row.getString("sku"),
        row.getString("title"),
        row.getString("description"),
        row.getString("category"),
        row.getString("condition"),
        row.getLong("price_cents"),
        row.getInteger("stock"),
        row.getLong("shipping_cents"),
        images == null ? List.of() : List.of(images),
        row.getInteger("low_stock_threshold"),
        row.getString("status"),
        row.getOffsetDateTime("created_at").toInstant().toString(),
        row.getOffsetDateTime("updated_at").toInstant().toString());
  }

  public boolean active() {
    return "active".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("sellerId", sellerId)
        .put("sku", sku)
        .put("title", title)
        .put("description", description)
        .put("category", category)
        .put("condition", condition)
        .put("priceCents", priceCents)
        .put("quantity", quantity)
        .put("shippingCents", shippingCents)
        .put("imageUrls", new JsonArray(imageUrls))
        .put("lowStockThreshold", lowStockThreshold)
        .put("status", status)
        .put("createdAt", createdAt)
        .put("updatedAt", updatedAt);
  }
}
