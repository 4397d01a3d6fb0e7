package io.showfloor.commerce.order;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * One product in an order, priced when bought; {@code creatorId} earns {@code commissionCents} when
 * set.
 */
public record OrderLine(
    long id,
    long orderId,
    long productId,
    String title,
    long unitPriceCents,
    int quantity,
    long lineCents,
    long feeCents,
    Long creatorId,
    Integer commissionBps,
    long commissionCents) {
  public static final String COLUMNS =
      "id, order_id, product_id, title, unit_price_cents, quantity, line_cents, "
          + "fee_cents, creator_id, commission_bps, commission_cents";

  public static OrderLine of(Row row) {
    return of(row.toJson());
  }

  /** A line as PostgreSQL's row_to_json writes it (column names as keys). */
  public static OrderLine of(JsonObject row) {
    return new OrderLine(
        row.getLong("id"),
        row.getLong("order_id"),
        row.getLong("product_id"),
        row.getString("title"),
        row.getLong("unit_price_cents"),
        row.getInteger("quantity"),
        row.getLong("line_cents"),
        row.getLong("fee_cents"),
        row.getLong("creator_id"),
        row.getInteger("commission_bps"),
        row.getLong("commission_cents"));
  }

  public JsonObject toJson(boolean withSplit) {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("productId", productId)
            .put("title", title)
            .put("unitPriceCents", unitPriceCents)
            .put("quantity", quantity)
            .put("lineCents", lineCents);
    if (creatorId != null) {
      json.put("creatorId", creatorId);
    }
    if (withSplit) {
      json.put("feeCents", feeCents);
      if (creatorId != null) {
        json.put("commissionBps", commissionBps).put("commissionCents", commissionCents);
      }
    }
    return json;
  }
}
