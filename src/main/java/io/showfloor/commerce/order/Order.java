package io.showfloor.commerce.order;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order: what one buyer bought from one seller in one checkout (or one won lot / flash-sale
 * buy). Status runs pending_payment -> paid -> shipped -> delivered, or ends cancelled, refunded or
 * partially_refunded; {@code refundedCents} says how much was given back. A partially refunded
 * order keeps that status when it ships and is delivered: {@code shippedAt}/{@code deliveredAt} say
 * so.
 */
public record Order(
    long id,
    long buyerId,
    long sellerId,
    Long checkoutId,
    String source,
    String sourceRef,
    Long showId,
    String status,
    long itemsCents,
    long shippingCents,
    long discountCents,
    long totalCents,
    long feeCents,
    long commissionCents,
    long refundedCents,
    long refundPostedCents,
    JsonObject shippingAddress,
    String carrier,
    String trackingNumber,
    OffsetDateTime expiresAt,
    String cancelReason,
    String cancelNote,
    String disputeStatus,
    OffsetDateTime createdAt,
    OffsetDateTime paidAt,
    OffsetDateTime shippedAt,
    OffsetDateTime deliveredAt,
    String deliveryConfirmedBy,
    OffsetDateTime cancelledAt,
    List<OrderLine> lines) {
  public static final String COLUMNS =
      "id, buyer_id, seller_id, checkout_id, source, source_ref, show_id, status, "
          + "items_cents, shipping_cents, discount_cents, total_cents, fee_cents, commission_cents, refunded_cents, "
          + "refund_posted_cents, shipping_address, carrier, tracking_number, expires_at, cancel_reason, cancel_note, dispute_status, "
          + "created_at, paid_at, shipped_at, delivered_at, delivery_confirmed_by, cancelled_at";

  public static Order of(Row row, List<OrderLine> lines) {
    return new Order(
        row.getLong("id"),
        row.getLong("buyer_id"),
        row.getLong("seller_id"),
        row.getLong("checkout_id"),
        row.getString("source"),
        row.getString("source_ref"),
        row.getLong("show_id"),
        row.getString("status"),
        row.getLong("items_cents"),
        row.getLong("shipping_cents"),
        row.getLong("discount_cents"),
        row.getLong("total_cents"),
        row.getLong("fee_cents"),
        row.getLong("commission_cents"),
        row.getLong("refunded_cents"),
        row.getLong("refund_posted_cents"),
        (JsonObject) row.getValue("shipping_address"),
        row.getString("carrier"),
        row.getString("tracking_number"),
        row.getOffsetDateTime("expires_at"),
        row.getString("cancel_reason"),
        row.getString("cancel_note"),
        row.getString("dispute_status"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("paid_at"),
        row.getOffsetDateTime("shipped_at"),
        row.getOffsetDateTime("delivered_at"),
        row.getString("delivery_confirmed_by"),
        row.getOffsetDateTime("cancelled_at"),
        lines);
  }

  /**
   * What the seller nets before refunds: items and shipping less the platform fee and commissions.
   */
  public long sellerNetCents() {
    return itemsCents + shippingCents - feeCents - commissionCents;
  }

  /**
   * The order as its buyer sees it; {@code withSplit} adds fee, commission and net (seller and
   * admin).
   */
  public JsonObject toJson(boolean withSplit) {
    JsonArray lineJson = new JsonArray();
    lines.forEach(l -> lineJson.add(l.toJson(withSplit)));
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("buyerId", buyerId)
            .put("sellerId", sellerId)
            .put("checkoutId", checkoutId)
            .put("source", source)
            .put("status", status)
            .put("lines", lineJson)
            .put("itemsCents", itemsCents)
            .put("shippingCents", shippingCents)
            .put("discountCents", discountCents)
            .put("totalCents", totalCents)
            .put("refundedCents", refundedCents)
            .put("shippingAddress", shippingAddress)
            .put("carrier", carrier)
            .put("trackingNumber", trackingNumber)
            .put("expiresAt", time(expiresAt))
            .put("createdAt", time(createdAt))
            .put("paidAt", time(paidAt))
            .put("shippedAt", time(shippedAt))
            .put("deliveredAt", time(deliveredAt))
            .put("cancelledAt", time(cancelledAt));
    // optional fields appear only when set
    putPresent(json, "sourceRef", sourceRef);
    putPresent(json, "showId", showId);
    putPresent(json, "cancelReason", cancelReason);
    putPresent(json, "cancelNote", cancelNote);
    putPresent(json, "disputeStatus", disputeStatus);
    putPresent(json, "deliveryConfirmedBy", deliveryConfirmedBy);
    if (withSplit) {
      json.put("feeCents", feeCents)
          .put("commissionCents", commissionCents)
          .put("sellerNetCents", sellerNetCents());
    }
    return json;
  }

  private static void putPresent(JsonObject json, String key, @Nullable Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private static @Nullable String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
