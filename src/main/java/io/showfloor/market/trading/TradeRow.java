package io.showfloor.market.trading;

import io.showfloor.market.engine.Aggressor;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One executed trade as stored in market_trades. The id is drawn after matching, before the write. */
final class TradeRow {
  long id;
  final String symbol;
  final long buyOrderId;
  final long sellOrderId;
  final long buyerId;
  final long sellerId;
  final long priceCents;
  final long quantity;
  final long buyerFeeCents;
  final long sellerFeeCents;
  final long sellerRealizedPnlCents;
  final Aggressor aggressor;
  final Instant executedAt;

  TradeRow(String symbol, long buyOrderId, long sellOrderId, long buyerId, long sellerId, long priceCents, long quantity,
      long buyerFeeCents, long sellerFeeCents, long sellerRealizedPnlCents, Aggressor aggressor, Instant executedAt) {
    this.symbol = symbol;
    this.buyOrderId = buyOrderId;
    this.sellOrderId = sellOrderId;
    this.buyerId = buyerId;
    this.sellerId = sellerId;
    this.priceCents = priceCents;
    this.quantity = quantity;
    this.buyerFeeCents = buyerFeeCents;
    this.sellerFeeCents = sellerFeeCents;
    this.sellerRealizedPnlCents = sellerRealizedPnlCents;
    this.aggressor = aggressor;
    this.executedAt = executedAt;
  }

  long valueCents() {
    return priceCents * quantity;
  }

  String aggressorName() {
    return switch (aggressor) {
      case BUYER -> "buy";
      case SELLER -> "sell";
      case AUCTION -> "auction";
    };
  }

  /** The trade as the order {@code orderId} (one of its two sides) sees it: the API's fill. */
  JsonObject fillFor(long orderId) {
    boolean buy = orderId == buyOrderId;
    return new JsonObject()
        .put("tradeId", id)
        .put("orderId", orderId)
        .put("symbol", symbol)
        .put("side", buy ? "buy" : "sell")
        .put("priceCents", priceCents)
        .put("quantity", quantity)
        .put("feeCents", buy ? buyerFeeCents : sellerFeeCents)
        .put("executedAt", executedAt.toString());
  }

  /** The trade on the public tape. */
  JsonObject toPublicJson() {
    return new JsonObject()
        .put("tradeId", id)
        .put("symbol", symbol)
        .put("priceCents", priceCents)
        .put("quantity", quantity)
        .put("aggressor", aggressorName())
        .put("executedAt", executedAt.toString());
  }
}
