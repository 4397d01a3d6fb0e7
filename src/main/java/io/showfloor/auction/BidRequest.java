package io.showfloor.auction;

import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A bid as a bidder sends it, over HTTP ({@code POST /api/lots/{id}/bids} with {@code {amountCents,
 * maxAmountCents?}} and an Idempotency-Key) or over the WebSocket ({@code {op:"bid", lotId,
 * amountCents, maxAmountCents?, ref}}, where {@code ref} doubles as the idempotency key, so a
 * client that resends after a reconnect gets the first answer again). Both are read here with the
 * contract's bounds; a bid without a maximum has {@code maxAmountCents == amountCents}.
 */
record BidRequest(
    long lotId, long amountCents, long maxAmountCents, @Nullable String idempotencyKey) {
  private static final long MAX_CENTS = 100_000_000_000L;

  /** The HTTP body (already checked against the contract) of a bid on {@code lotId}. */
  static BidRequest of(long lotId, JsonObject body, @Nullable String idempotencyKey) {
    return amounts(lotId, body, idempotencyKey);
  }

  /** A socket frame, which no contract has checked. */
  static BidRequest fromFrame(JsonObject frame) {
    long lotId = positive(frame, "lotId", Long.MAX_VALUE);
    Object ref = frame.getValue("ref");
    String key = ref == null ? null : String.valueOf(ref);
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw invalid("ref must be 1 to 200 characters");
    }
    return amounts(lotId, frame, key);
  }

  private static BidRequest amounts(long lotId, JsonObject fields, @Nullable String key) {
    long amount = positive(fields, "amountCents", MAX_CENTS);
    long max =
        fields.getValue("maxAmountCents") != null
            ? positive(fields, "maxAmountCents", MAX_CENTS)
            : amount;
    return new BidRequest(lotId, amount, max, key);
  }

  private static long positive(JsonObject fields, String field, long max) {
    Object value = fields.getValue(field);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw invalid(field + " must be a whole number");
    }
    long v = n.longValue();
    if (v < 1 || v > max) {
      throw invalid(field + " must be between 1 and " + max);
    }
    return v;
  }

  private static Refused invalid(String detail) {
    return Refused.invalid("validation_failed", detail);
  }
}
