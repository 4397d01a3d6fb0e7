package io.showfloor.commerce.returns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A buyer's return or refund request, as stored in {@code return_requests}. */
public record ReturnRequest(
    long id,
    long orderId,
    long buyerId,
    long sellerId,
    String reason,
    String message,
    String status,
    OffsetDateTime respondBy,
    @Nullable Long refundCents,
    @Nullable String returnLabelUrl,
    @Nullable String declineReason,
    @Nullable Long refundId,
    @Nullable String escalatedBy,
    @Nullable OffsetDateTime escalatedAt,
    @Nullable Long decidedBy,
    @Nullable String decisionNote,
    @Nullable OffsetDateTime decidedAt,
    @Nullable String idempotencyKey,
    OffsetDateTime createdAt,
    JsonArray photos) {
  static final String COLUMNS =
      "id, order_id, buyer_id, seller_id, reason, message, status, respond_by, refund_cents, "
          + "return_label_url, decline_reason, refund_id, escalated_by, escalated_at, decided_by, decision_note, decided_at, "
          + "idempotency_key, created_at, photos";

  static ReturnRequest of(Row row) {
    return new ReturnRequest(
        row.getLong("id"),
        row.getLong("order_id"),
        row.getLong("buyer_id"),
        row.getLong("seller_id"),
        row.getString("reason"),
        row.getString("message"),
        row.getString("status"),
        row.getOffsetDateTime("respond_by"),
        row.getLong("refund_cents"),
        row.getString("return_label_url"),
        row.getString("decline_reason"),
        row.getLong("refund_id"),
        row.getString("escalated_by"),
        row.getOffsetDateTime("escalated_at"),
        row.getLong("decided_by"),
        row.getString("decision_note"),
        row.getOffsetDateTime("decided_at"),
        row.getString("idempotency_key"),
        row.getOffsetDateTime("created_at"),
        row.getValue("photos") instanceof JsonArray photos ? photos : new JsonArray());
  }

  /** Waiting for the seller, or for a moderator after a decline. */
  boolean unsettled() {
    return "open".equals(status) || "declined".equals(status) || "escalated".equals(status);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("orderId", orderId)
        .put("buyerId", buyerId)
        .put("sellerId", sellerId)
        .put("reason", reason)
        .put("message", message)
        .put("status", status)
        .put("respondBy", "open".equals(status) ? respondBy.toInstant().toString() : null)
        .put("refundCents", refundCents)
        .put("returnLabelUrl", returnLabelUrl)
        .put("declineReason", declineReason)
        .put("refundId", refundId)
        .put("escalatedBy", escalatedBy)
        .put("escalatedAt", time(escalatedAt))
        .put("decisionNote", decisionNote)
        .put("decidedAt", time(decidedAt))
        .put("createdAt", createdAt.toInstant().toString())
        .put("photos", photos);
  }

  private static @Nullable String time(@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
