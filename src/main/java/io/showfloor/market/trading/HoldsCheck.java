package io.showfloor.market.trading;

import io.showfloor.market.Instrument;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One book's part of the holds reconciliation (docs/MARKET.md "Holds"): what the owner believes
 * each trader's open orders hold (cash, shares) against what the committed open orders say, and
 * each open buy's hold against the rule it was taken by ({@link Escrow#requiredLock}; a pair holds
 * the larger of its legs' needs once). Run by the owner between batches, so memory and database are
 * at the same commit.
 */
final class HoldsCheck {
  // a pair of sells locks its shares once, on the open leg placed first
  private static final String DERIVED =
      """
      SELECT o.user_id,
        COALESCE(SUM(o.locked_cents) FILTER (WHERE o.side = 'buy'), 0) AS held,
        COALESCE(SUM(o.quantity - o.filled_quantity) FILTER (WHERE o.side = 'sell' AND NOT EXISTS (
          SELECT 1 FROM market_orders f WHERE f.oco_group_id = o.oco_group_id AND f.id < o.id
            AND f.status IN ('active', 'partial'))), 0) AS shares
      FROM market_orders o WHERE o.symbol = $1 AND o.status IN ('active', 'partial') GROUP BY o.user_id""";

  private HoldsCheck() {}

  /** The differences, empty when the owner's memory and the open orders agree. */
  static Future<JsonArray> differences(SqlClient client, BookState state) {
    String symbol = state.instrument.symbol();
    return client
        .preparedQuery(DERIVED)
        .execute(Tuple.of(symbol))
        .map(
            rows -> {
              JsonArray found = new JsonArray();
              Map<Long, Long> heldInOrders = new HashMap<>();
              Map<Long, Long> sharesInOrders = new HashMap<>();
              for (Row row : rows) {
                heldInOrders.put(row.getLong("user_id"), row.getLong("held"));
                sharesInOrders.put(row.getLong("user_id"), row.getLong("shares"));
              }
              Set<Long> users = new HashSet<>(heldInOrders.keySet());
              users.addAll(state.heldCents.keySet());
              state.holdings.values().stream()
                  .filter(h -> h.lockedShares != 0)
                  .forEach(h -> users.add(h.userId));
              for (long user : users) {
                long held = heldInOrders.getOrDefault(user, 0L);
                if (held != state.held(user)) {
                  found.add(difference("cash_held", symbol, user, held, state.held(user)));
                }
                Holding holding = state.holding(user);
                long locked = holding == null ? 0 : holding.lockedShares;
                long shares = sharesInOrders.getOrDefault(user, 0L);
                if (shares != locked) {
                  found.add(difference("shares_locked", symbol, user, shares, locked));
                }
              }
              ruleDifferences(state, found);
              return found;
            });
  }

  /** Each open buy (a pair: both legs together) holds exactly what the rule asks of its rest. */
  private static void ruleDifferences(BookState state, JsonArray found) {
    Instrument instrument = state.instrument;
    Set<Long> seen = new HashSet<>();
    List<OrderRow> buys = new ArrayList<>();
    state.open.values().stream().filter(OrderRow::isBuy).forEach(buys::add);
    for (OrderRow order : buys) {
      if (!seen.add(order.id)) {
        continue;
      }
      long need = need(order, instrument);
      long holds = order.lockedCents;
      OrderRow other = order.linkedOrderId == 0 ? null : state.open.get(order.linkedOrderId);
      if (other != null) {
        seen.add(other.id);
        need = Math.max(need, need(other, instrument));
        holds += other.lockedCents;
      }
      if (need != holds) {
        found.add(
            difference("order_hold", instrument.symbol(), order.userId, need, holds)
                .put("orderId", order.id));
      }
    }
  }

  private static long need(OrderRow order, Instrument instrument) {
    return Escrow.requiredLock(
        order.escrowPriceCents,
        order.quantity - order.filledQuantity,
        order.filledValueCents,
        instrument.feeBps(),
        instrument.feePayer());
  }

  private static JsonObject difference(
      String kind, String symbol, long userId, long derived, long believed) {
    return new JsonObject()
        .put("kind", kind)
        .put("symbol", symbol)
        .put("userId", userId)
        .put("derived", derived)
        .put("believed", believed);
  }
}
