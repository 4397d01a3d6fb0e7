package io.showfloor.market;

import io.showfloor.market.cash.MarketCash;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * A trader's cash and holdings. Holdings are marked at the instrument's last price (the reference
 * before its first trade); the average cost is the cost basis per share, rounded half up.
 */
final class Portfolio {
  private static final String HOLDINGS =
      """
      SELECT h.symbol, h.shares, h.locked_shares, h.cost_basis_cents, h.realized_pnl_cents,
        COALESCE(i.last_price_cents, i.reference_price_cents) AS mark
      FROM market_holdings h JOIN market_instruments i ON i.symbol = h.symbol
      WHERE h.user_id = $1 AND i.play_pool IS NULL AND (h.shares > 0 OR h.realized_pnl_cents <> 0) ORDER BY h.symbol""";
  private final Database db;
  private final MarketCash cash;

  Portfolio(Database db, MarketCash cash) {
    this.db = db;
    this.cash = cash;
  }

  Future<JsonObject> of(long userId) {
    var balance = cash.balance(db.pool(), userId);
    var holdings = db.query(HOLDINGS, Tuple.of(userId));
    return Future.all(balance, holdings)
        .map(
            done -> {
              JsonArray items = new JsonArray();
              long marketValue = 0;
              long unrealized = 0;
              long realized = 0;
              for (Row row : holdings.result()) {
                long shares = row.getLong("shares");
                long basis = row.getLong("cost_basis_cents");
                long mark = row.getLong("mark");
                long value = shares * mark;
                long holdingUnrealized = value - basis;
                long holdingRealized = row.getLong("realized_pnl_cents");
                marketValue += value;
                unrealized += holdingUnrealized;
                realized += holdingRealized;
                items.add(
                    new JsonObject()
                        .put("symbol", row.getString("symbol"))
                        .put("shares", shares)
                        .put("lockedShares", row.getLong("locked_shares"))
                        .put("averageCostCents", shares == 0 ? null : (basis + shares / 2) / shares)
                        .put("costBasisCents", basis)
                        .put("markPriceCents", mark)
                        .put("marketValueCents", value)
                        .put("unrealizedPnlCents", holdingUnrealized)
                        .put("realizedPnlCents", holdingRealized));
              }
              MarketCash.CashBalance money = balance.result();
              return new JsonObject()
                  .put("cashCents", money.cashCents())
                  .put("lockedCashCents", money.lockedCents())
                  .put("holdings", items)
                  .put("marketValueCents", marketValue)
                  .put("unrealizedPnlCents", unrealized)
                  .put("realizedPnlCents", realized)
                  .put("equityCents", money.cashCents() + money.lockedCents() + marketValue);
            });
  }
}
