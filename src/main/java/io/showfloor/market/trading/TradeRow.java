package io.showfloor.market.trading;

import io.showfloor.market.engine.Aggressor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;

/**
 * One executed trade as stored in market_trades. The id is drawn after matching, before the write.
 */
public final class TradeRow {
  public static final String COLUMNS =
      "id, symbol, buy_order_id, sell_order_id, buyer_id, seller_id, price_cents, "
          + "quantity, buyer_fee_cents, seller_fee_cents, seller_realized_pnl_cents, aggressor, executed_at";

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

  TradeRow(
      String symbol,
      long buyOrderId,
      long sellOrderId,
      long buyerId,
      long sellerId,
      long priceCents,
      long quantity,
      long buyerFeeCents,
      long sellerFeeCents,
      long sellerRealizedPnlCents,
      Aggressor aggressor,
      Instant executedAt) {
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

  /** A stored trade, read with {@link #COLUMNS}. */
  public static TradeRow from(Row row) {
    Aggressor aggressor =
        switch (row.getString("aggressor")) {
          case "buy" -> Aggressor.BUYER;
          case "sell" -> Aggressor.SELLER;
          default -> Aggressor.AUCTION;
        };
    TradeRow trade =
        new TradeRow(
            row.getString("symbol"),
            row.getLong("buy_order_id"),
            row.getLong("sell_order_id"),
            row.getLong("buyer_id"),
            row.getLong("seller_id"),
            row.getLong("price_cents"),
            row.getLong("quantity"),
            row.getLong("buyer_fee_cents"),
            row.getLong("seller_fee_cents"),
            row.getLong("seller_realized_pnl_cents"),
            aggressor,
            row.getOffsetDateTime("executed_at").toInstant());
    trade.id = row.getLong("id");
    return trade;
  }

  /** The order of {@code userId} on this trade (a self-trade cannot exist, so it is one side's). */
  public long orderOf(long userId) {
    return buyerId == userId ? buyOrderId : sellOrderId;
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
  public JsonObject fillFor(long orderId) {
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
  public JsonObject toPublicJson() {
    return new JsonObject()
        .put("tradeId", id)
        .put("symbol", symbol)
        .put("priceCents", priceCents)
        .put("quantity", quantity)
        .put("aggressor", aggressorName())
        .put("executedAt", executedAt.toString());
  }
}
