package io.showfloor.insight;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a past tape for an instrument (the demo world, tests, benchmarks): one filled buy and one
 * filled sell order between two users and one market_trades row per generated trade. Only the tape:
 * nobody's cash or shares move, which is what history on a new platform means.
 */
public final class GeneratedTrades {
  /** One trade of a generated tape. */
  public record Trade(Instant at, long priceCents, long quantity) {}

  private static final String ORDER =
      """
      INSERT INTO market_orders (symbol, user_id, side, type, price_cents, quantity, filled_quantity,
        filled_value_cents, time_in_force, status, book_sequence, created_at, updated_at)
      VALUES ($1, $2, $3, 'limit', $4, $5, $5, $6, 'GTC', 'filled', 0, $7, $8) RETURNING id""";
  private static final String IDS =
      "SELECT nextval('market_trades_id_seq') AS id FROM generate_series(1, $1) ORDER BY 1";
  private static final String TRADES =
      """
      INSERT INTO market_trades (id, symbol, buy_order_id, sell_order_id, buyer_id, seller_id, price_cents,
        quantity, value_cents, buyer_fee_cents, seller_fee_cents, seller_realized_pnl_cents, aggressor, executed_at)
      SELECT t.id, $1, $2, $3, $4, $5, t.price, t.quantity, t.price * t.quantity, 0, 0, 0, 'buy', t.at
      FROM unnest($6::bigint[], $7::bigint[], $8::bigint[], $9::timestamptz[]) AS t(id, price, quantity, at)""";
  private static final int CHUNK = 10_000;

  private GeneratedTrades() {}

  /** Writes {@code trades} (in time order) on {@code symbol}; answers how many were written. */
  public static Future<Integer> write(
      SqlClient db, String symbol, long buyerId, long sellerId, List<Trade> trades) {
    if (trades.isEmpty()) {
      return Future.succeededFuture(0);
    }
    long quantity = 0;
    long value = 0;
    long top = 0;
    for (Trade t : trades) {
      quantity += t.quantity();
      value += t.priceCents() * t.quantity();
      top = Math.max(top, t.priceCents());
    }
    OffsetDateTime first = trades.get(0).at().atOffset(ZoneOffset.UTC);
    OffsetDateTime last = trades.get(trades.size() - 1).at().atOffset(ZoneOffset.UTC);
    Tuple buy = Tuple.of(symbol, buyerId, "buy", top, quantity, value, first, last);
    Tuple sell = Tuple.of(symbol, sellerId, "sell", 1L, quantity, value, first, last);
    return db.preparedQuery(ORDER)
        .execute(buy)
        .compose(
            b ->
                db.preparedQuery(ORDER)
                    .execute(sell)
                    .compose(
                        s ->
                            chunks(
                                db,
                                symbol,
                                b.iterator().next().getLong("id"),
                                s.iterator().next().getLong("id"),
                                buyerId,
                                sellerId,
                                trades,
                                0)));
  }

  private static Future<Integer> chunks(
      SqlClient db,
      String symbol,
      long buyOrder,
      long sellOrder,
      long buyerId,
      long sellerId,
      List<Trade> trades,
      int from) {
    if (from >= trades.size()) {
      return Future.succeededFuture(trades.size());
    }
    List<Trade> chunk = trades.subList(from, Math.min(trades.size(), from + CHUNK));
    return db.preparedQuery(IDS)
        .execute(Tuple.of(chunk.size()))
        .compose(
            rows -> {
              List<Long> ids = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getLong("id"));
              }
              Long[] idArray = new Long[chunk.size()];
              Long[] prices = new Long[chunk.size()];
              Long[] quantities = new Long[chunk.size()];
              OffsetDateTime[] times = new OffsetDateTime[chunk.size()];
              for (int i = 0; i < chunk.size(); i++) {
                Trade t = chunk.get(i);
                idArray[i] = ids.get(i);
                prices[i] = t.priceCents();
                quantities[i] = t.quantity();
                times[i] = t.at().atOffset(ZoneOffset.UTC);
              }
              Tuple args =
                  Tuple.tuple()
                      .addString(symbol)
                      .addLong(buyOrder)
                      .addLong(sellOrder)
                      .addLong(buyerId)
                      .addLong(sellerId)
                      .addArrayOfLong(idArray)
                      .addArrayOfLong(prices)
                      .addArrayOfLong(quantities)
                      .addArrayOfOffsetDateTime(times);
              return db.preparedQuery(TRADES).execute(args);
            })
        .compose(
            done ->
                chunks(db, symbol, buyOrder, sellOrder, buyerId, sellerId, trades, from + CHUNK));
  }
}
