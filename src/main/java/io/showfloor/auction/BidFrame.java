package io.showfloor.auction;

import io.showfloor.platform.http.ApiError;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A bid sent over the WebSocket: {@code {op:"bid", lotId, amountCents, maxAmountCents?, ref}}. It has
 * the same bounds as the HTTP body in the contract; {@code ref} doubles as the idempotency key, so a
 * client that resends after a reconnect gets the first answer again.
 */
record BidFrame(long lotId, long amountCents, @Nullable Long maxAmountCents, @Nullable String idempotencyKey) {
  private static final long MAX_CENTS = 100_000_000_000L;

  static BidFrame parse(JsonObject frame) {
    long lotId = positive(frame, "lotId", Long.MAX_VALUE);
    long amount = positive(frame, "amountCents", MAX_CENTS);
    Long max = frame.containsKey("maxAmountCents") && frame.getValue("maxAmountCents") != null
        ? positive(frame, "maxAmountCents", MAX_CENTS) : null;
    Object ref = frame.getValue("ref");
    String key = ref == null ? null : String.valueOf(ref);
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw ApiError.validation("ref must be 1 to 200 characters");
    }
    return new BidFrame(lotId, amount, max, key);
  }

  private static long positive(JsonObject frame, String field, long max) {
    Object value = frame.getValue(field);
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw ApiError.validation(field + " must be a whole number");
    }
    long v = n.longValue();
    if (v < 1 || v > max) {
      throw ApiError.validation(field + " must be between 1 and " + max);
    }
    return v;
  }
}
