package io.showfloor.commerce.wallet;

import io.showfloor.commerce.payment.SandboxPayments;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A withdrawal of wallet cash and its life: {@code requested -> processing -> paid}, or {@code
 * failed} when the provider refused it (the money is back in the wallet). With Stripe it stays
 * {@code processing} after the transfer until the bank payout's webhook says how it ended.
 */
public record Withdrawal(
    long id,
    long userId,
    long amountCents,
    String status,
    String provider,
    String destination,
    String transferId,
    String payoutId,
    String failureReason,
    OffsetDateTime createdAt,
    OffsetDateTime completedAt) {
  static final String COLUMNS =
      "id, user_id, amount_cents, status, provider, destination, provider_transfer_id, provider_payout_id, "
          + "failure_reason, created_at, completed_at";

  static Withdrawal of(Row row) {
    return new Withdrawal(
        row.getLong("id"),
        row.getLong("user_id"),
        row.getLong("amount_cents"),
        row.getString("status"),
        row.getString("provider"),
        row.getString("destination"),
        row.getString("provider_transfer_id"),
        row.getString("provider_payout_id"),
        row.getString("failure_reason"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("completed_at"));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("amountCents", amountCents)
            .put("currency", "usd")
            .put("status", status)
            .put("provider", provider)
            .put("destination", destination)
            .put("providerTransferId", transferId)
            .put("providerPayoutId", payoutId)
            .put("failureReason", failureReason)
            .put("createdAt", time(createdAt))
            .put("completedAt", time(completedAt));
    if (SandboxPayments.NAME.equals(provider)) {
      json.put(
          "note",
          "Sandbox provider: withdrawals are marked paid at once but no real money is moved");
    }
    return json;
  }

  private static @Nullable String time(@Nullable OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
