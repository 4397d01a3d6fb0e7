package io.showfloor.auction;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.jspecify.annotations.Nullable;

/**
 * A bid as clients see it: in the bidder's own answer (with their maximum) and in the lot's public
 * history (without it). Its {@code id} and {@code createdAt} are the stored row's, added by {@link
 * #stamp}.
 */
record BidView(
    long lotId,
    long bidderId,
    String bidderName,
    long amountCents,
    @Nullable Long maxAmountCents,
    boolean accepted,
    boolean leading,
    boolean preBid,
    long priceAfterCents) {

  /** One row of {@code LotSql.HISTORY}: no maximum, which stays the bidder's own. */
  static JsonObject historyJson(Row row) {
    return stamp(
        new BidView(
                row.getLong("lot_id"),
                row.getLong("bidder_id"),
                row.getString("bidder_name"),
                row.getLong("amount_cents"),
                null,
                row.getBoolean("accepted"),
                row.getBoolean("is_leading"),
                row.getBoolean("pre_bid"),
                row.getLong("price_after_cents"))
            .toJson(),
        row);
  }

  /**
   * Adds the stored bid's {@code id} and {@code createdAt} (from a row with {@code id,
   * created_at}).
   */
  static JsonObject stamp(JsonObject bid, Row stored) {
    return bid.put("id", stored.getLong("id"))
        .put("createdAt", Lot.instant(stored, "created_at").toString());
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("lotId", lotId)
            .put("bidderId", bidderId)
            .put("bidderName", bidderName)
            .put("amountCents", amountCents);
    if (maxAmountCents != null) {
      json.put("maxAmountCents", maxAmountCents);
    }
    return json.put("accepted", accepted)
        .put("leading", leading)
        .put("preBid", preBid)
        .put("priceAfterCents", priceAfterCents);
  }
}
