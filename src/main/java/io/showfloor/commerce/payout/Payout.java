package io.showfloor.commerce.payout;

import io.showfloor.commerce.payment.SandboxPayments;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A payout request and its life: {@code requested -> processing -> paid}, or {@code rejected} by an
 * admin, or {@code failed} when the provider refused the transfer (both give the money back to the
 * payables).
 */
public record Payout(
    long id,
    long userId,
    long amountCents,
    long sellerCents,
    long creatorCents,
    String status,
    String provider,
    String destination,
    String transferId,
    String failureReason,
    String reviewNote,
    Long reviewedBy,
    OffsetDateTime createdAt,
    OffsetDateTime reviewedAt,
    OffsetDateTime completedAt) {
  static final String COLUMNS =
      "id, user_id, amount_cents, seller_cents, creator_cents, status, provider, destination, "
          + "provider_transfer_id, failure_reason, review_note, reviewed_by, created_at, reviewed_at, completed_at";

  static Payout of(Row row) {
    return new Payout(
        row.getLong("id"),
        row.getLong("user_id"),
        row.getLong("amount_cents"),
        row.getLong("seller_cents"),
        row.getLong("creator_cents"),
        row.getString("status"),
        row.getString("provider"),
        row.getString("destination"),
        row.getString("provider_transfer_id"),
        row.getString("failure_reason"),
        row.getString("review_note"),
        row.getLong("reviewed_by"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("reviewed_at"),
        row.getOffsetDateTime("completed_at"));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("userId", userId)
            .put("amountCents", amountCents)
            .put("fromSellerCents", sellerCents)
            .put("fromCreatorCents", creatorCents)
            .put("status", status)
            .put("provider", provider)
            .put("destination", destination)
            .put("providerTransferId", transferId)
            .put("failureReason", failureReason)
            .put("reviewNote", reviewNote)
            .put("reviewedBy", reviewedBy)
            .put("createdAt", time(createdAt))
            .put("reviewedAt", time(reviewedAt))
            .put("completedAt", time(completedAt));
    if (SandboxPayments.NAME.equals(provider)) {
      json.put("note", "Sandbox provider: payouts are marked paid but no real money is moved");
    }
    return json;
  }

  private static @Nullable String time(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
