package io.showfloor.market;

import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * A holder of every share of an instrument takes the physical item: the book is halted (no order
 * can come in meanwhile), the instrument is delisted, the shares are surrendered, and a $0 order
 * ships the item to them. Trades, fills and orders stay as history. Orders still resting on the
 * book (the redeemer's own, and other traders' bids for shares that will no longer exist) are
 * cancelled through the book's owner once it is halted, so their escrow goes back to each trader's
 * wallet in the owner's own ledger transactions before the instrument is delisted.
 */
final class Redemptions {
  private static final String STATE =
      """
      SELECT i.symbol, i.product_id, i.seller_id, i.status, i.phase, i.total_shares,
             COALESCE(h.shares, 0) AS shares, COALESCE(h.locked_shares, 0) AS locked_shares,
             (SELECT count(*) FROM market_orders o WHERE o.symbol = i.symbol AND o.status IN ('active', 'partial'))
               AS open_orders
      FROM market_instruments i LEFT JOIN market_holdings h ON h.symbol = i.symbol AND h.user_id = $2
      WHERE i.symbol = $1""";
  private static final String DELIST =
      """
      UPDATE market_instruments SET status = 'delisted', phase = 'closed', follows_schedule = false,
        phase_changed_at = now(), updated_at = now()
      WHERE symbol = $1 AND status = 'approved'""";
  // the redeemer's shares become the item; what they cost stays in realized P&L's history as is
  private static final String SURRENDER =
      """
      UPDATE market_holdings SET shares = 0, locked_shares = 0, cost_basis_cents = 0, updated_at = now()
      WHERE symbol = $1""";

  private static final String RESTING =
      """
      SELECT id, user_id FROM market_orders WHERE symbol = $1 AND status IN ('active', 'partial') ORDER BY id""";

  private final Database db;
  private final BookClient books;
  private final PhysicalItems items;

  Redemptions(Database db, BookClient books, PhysicalItems items) {
    this.db = db;
    this.books = books;
    this.items = items;
  }

  Future<JsonObject> redeem(Caller caller, String symbol) {
    return db.one(STATE, Tuple.of(symbol, caller.userId()))
        .compose(
            row -> {
              Refused refusal = refusal(row, symbol, caller.userId(), false);
              if (refusal != null) {
                return Future.failedFuture(refusal);
              }
              Phase before = Phase.parse(row.getString("phase"));
              // halted first, so no order can reach the book between the check and the delisting
              return books
                  .send(
                      symbol,
                      new BookCommand.PhaseChange(Phase.HALTED, "redemption:" + caller.userId()))
                  .compose(halted -> cancelResting(symbol))
                  .compose(cancelled -> db.tx(conn -> delist(conn, symbol, caller.userId())))
                  .recover(
                      failure ->
                          books
                              .send(
                                  symbol, new BookCommand.PhaseChange(before, "redemption-refused"))
                              .<PhysicalItems.Shipment>transform(
                                  back -> Future.failedFuture(failure)))
                  .map(
                      shipment -> {
                        shipment.afterCommit().run();
                        return new JsonObject()
                            .put("symbol", symbol)
                            .put("status", "delisted")
                            .put("orderId", shipment.orderId());
                      });
            });
  }

  private Future<PhysicalItems.Shipment> delist(SqlConnection conn, String symbol, long userId) {
    return conn.preparedQuery(STATE + " FOR UPDATE OF i")
        .execute(Tuple.of(symbol, userId))
        .compose(
            rows -> {
              Row row = rows.iterator().next();
              Refused refusal = refusal(row, symbol, userId, true);
              if (refusal != null) {
                return Future.failedFuture(refusal);
              }
              return conn.preparedQuery(DELIST)
                  .execute(Tuple.of(symbol))
                  .compose(v -> conn.preparedQuery(SURRENDER).execute(Tuple.of(symbol)))
                  .compose(
                      v ->
                          items.shipToRedeemer(
                              conn,
                              symbol,
                              userId,
                              row.getLong("seller_id"),
                              row.getLong("product_id")));
            });
  }

  /**
   * Every order resting on the halted book, cancelled one by one by its owner's book (which
   * releases a buy's escrow and a sell's shares in its own transaction); no new order can arrive
   * while halted.
   */
  private Future<Void> cancelResting(String symbol) {
    return db.query(RESTING, Tuple.of(symbol))
        .compose(
            rows -> {
              Future<Void> chain = Future.succeededFuture();
              for (Row order : rows) {
                long orderId = order.getLong("id");
                long ownerId = order.getLong("user_id");
                chain =
                    chain.compose(
                        v ->
                            books
                                .send(symbol, new BookCommand.CancelRequest(ownerId, orderId))
                                .mapEmpty());
              }
              return chain;
            });
  }

  /**
   * Why this caller cannot redeem now, or null; resting orders count only once they should be gone.
   */
  private static @Nullable Refused refusal(
      @Nullable Row row, String symbol, long userId, boolean ordersCancelled) {
    if (row == null) {
      return Refused.notFound("instrument_not_found", "No instrument " + symbol);
    }
    if (!"approved".equals(row.getString("status"))) {
      return Refused.conflict(
          "instrument_not_trading",
          symbol
              + " is "
              + row.getString("status")
              + "; only a trading instrument can be redeemed");
    }
    if (row.getLong("product_id") == null) {
      return Refused.conflict("no_physical_item", symbol + " is not backed by a product");
    }
    long total = row.getLong("total_shares");
    long held = row.getLong("shares");
    if (held < total) {
      return Refused.conflict(
          "not_sole_holder",
          "Redeeming takes every share: you hold "
              + held
              + " of "
              + total
              + " shares of "
              + symbol);
    }
    if (ordersCancelled && row.getLong("open_orders") > 0) {
      return Refused.conflict(
          "open_orders",
          row.getLong("open_orders")
              + " orders still rest on "
              + symbol
              + "'s book after cancelling them; try again");
    }
    return null;
  }
}
