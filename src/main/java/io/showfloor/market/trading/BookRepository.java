package io.showfloor.market.trading;

import io.showfloor.market.Instrument;
import io.showfloor.market.trading.Batch.ExistingOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL of a book owner: loading a book, drawing ids, checking the lease and writing one batch
 * with a handful of set-based statements (arrays through {@code unnest}), whatever its size.
 */
final class BookRepository {
  private static final String INSTRUMENT =
      "SELECT " + Instrument.COLUMNS + " FROM market_instruments WHERE symbol = $1";
  private static final String OPEN_ORDERS =
      "SELECT "
          + OrderRow.COLUMNS
          + " FROM market_orders WHERE symbol = $1 AND status IN ('active', 'partial') ORDER BY book_sequence";
  private static final String HOLDINGS =
      "SELECT user_id, shares, locked_shares, cost_basis_cents, realized_pnl_cents "
          + "FROM market_holdings WHERE symbol = $1";
  private static final String DAY_STATS =
      "SELECT COALESCE(SUM(quantity), 0) AS volume, MAX(price_cents) AS high, "
          + "MIN(price_cents) AS low FROM market_trades WHERE symbol = $1 AND executed_at >= $2";
  private static final String NEXT_ORDER_IDS =
      "SELECT nextval('market_orders_id_seq') AS id FROM generate_series(1, $1)";
  private static final String NEXT_TRADE_IDS =
      "SELECT nextval('market_trades_id_seq') AS id FROM generate_series(1, $1)";
  // FOR SHARE holds off a takeover (which updates the row) until this batch has committed
  private static final String FENCE =
      "SELECT 1 FROM market_leases WHERE symbol = $1 AND epoch = $2 AND expires_at > now() "
          + "FOR SHARE";
  private static final String EXISTING_CLIENT_ORDERS =
      "SELECT "
          + OrderRow.COLUMNS
          + " FROM market_orders "
          + "WHERE (user_id, client_order_id) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))";
  private static final String FILLS_OF_ORDERS =
      "SELECT "
          + TradeRow.COLUMNS
          + " "
          // through the owners' sides (indexed by buyer and by seller); there is no index on the
          // order ids
          + "FROM market_trades WHERE (buyer_id = ANY($2::bigint[]) AND buy_order_id = ANY($1::bigint[])) "
          + "OR (seller_id = ANY($2::bigint[]) AND sell_order_id = ANY($1::bigint[])) ORDER BY id";
  // new orders and changed ones in one statement. An upsert, not UPDATE ... FROM unnest: the
  // conflict check always goes through the primary key, whereas the join's plan is chosen by the
  // planner and cached per connection, and one planned while the table was small (a hash join over
  // a sequential scan) stays in use as the table grows: measured at most of PostgreSQL's CPU.
  // Rows of changed orders carry every column, so the insert half is a valid row too.
  private static final String UPSERT_ORDERS =
      """
      INSERT INTO market_orders (id, symbol, user_id, client_order_id, side, type, price_cents, quantity, filled_quantity,
        filled_value_cents, fee_cents, time_in_force, status, reason, book_sequence, escrow_price_cents, max_cost_cents,
        locked_cents, amend_count, expires_at, stop_price_cents, triggered_at, trail_cents, trail_bps, created_at, updated_at,
        oco_group_id, parent_order_id, bracket_stop_cents, bracket_stop_limit_cents, bracket_target_cents)
      SELECT d.id, $2, d.user_id, d.client_order_id, d.side, d.type, d.price, d.quantity, d.filled, d.value, d.fee, d.tif,
        d.status, d.reason, d.seq, d.escrow_price, d.max_cost, d.locked, d.amends, d.expires, d.stop, d.triggered, d.trail_cents, d.trail_bps, $18, $18,
        d.oco, d.parent, d.b_stop, d.b_stop_limit, d.b_target
      FROM unnest($1::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
        $9::bigint[], $10::bigint[], $11::bigint[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::bigint[],
        $17::bigint[], $19::bigint[], $20::int[], $21::timestamptz[], $22::bigint[], $23::timestamptz[], $24::bigint[], $25::int[],
        $26::bigint[], $27::bigint[], $28::bigint[], $29::bigint[], $30::bigint[])
        AS d(id, user_id, client_order_id, side, type, price, quantity, filled, value, fee, tif, status, reason, seq,
             escrow_price, max_cost, locked, amends, expires, stop, triggered, trail_cents, trail_bps,
             oco, parent, b_stop, b_stop_limit, b_target)
      ON CONFLICT (id) DO UPDATE SET quantity = excluded.quantity, filled_quantity = excluded.filled_quantity,
        filled_value_cents = excluded.filled_value_cents, fee_cents = excluded.fee_cents, status = excluded.status,
        reason = excluded.reason, locked_cents = excluded.locked_cents, updated_at = excluded.updated_at,
        price_cents = excluded.price_cents, escrow_price_cents = excluded.escrow_price_cents,
        book_sequence = excluded.book_sequence, amend_count = excluded.amend_count,
        triggered_at = excluded.triggered_at, stop_price_cents = excluded.stop_price_cents""";
  private static final String INSERT_TRADES =
      """
      INSERT INTO market_trades (id, symbol, buy_order_id, sell_order_id, buyer_id, seller_id, price_cents, quantity,
        value_cents, buyer_fee_cents, seller_fee_cents, seller_realized_pnl_cents, aggressor, executed_at)
      SELECT d.id, $2, d.buy_order, d.sell_order, d.buyer, d.seller, d.price, d.quantity, d.price * d.quantity,
        d.buyer_fee, d.seller_fee, d.pnl, d.aggressor, $12
      FROM unnest($1::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[],
        $9::bigint[], $10::bigint[], $11::bigint[], $13::text[])
        AS d(id, buy_order, sell_order, buyer, seller, price, quantity, buyer_fee, seller_fee, pnl, aggressor)""";
  private static final String UPSERT_HOLDINGS =
      """
      INSERT INTO market_holdings (user_id, symbol, shares, locked_shares, cost_basis_cents, realized_pnl_cents, updated_at)
      SELECT d.user_id, $2, d.shares, d.locked, d.cost, d.pnl, $7
      FROM unnest($1::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) AS d(user_id, shares, locked, cost, pnl)
      ON CONFLICT (user_id, symbol) DO UPDATE SET shares = excluded.shares, locked_shares = excluded.locked_shares,
        cost_basis_cents = excluded.cost_basis_cents, realized_pnl_cents = excluded.realized_pnl_cents,
        updated_at = excluded.updated_at""";
  private static final String UPDATE_INSTRUMENT =
      """
      UPDATE market_instruments SET phase = $2, book_mode = $3, reference_price_cents = $4, last_price_cents = $5,
        phase_changed_at = $6, updated_at = now()
      WHERE symbol = $1""";

  private final ArrayDeque<Long> orderIds = new ArrayDeque<>();
  private final ArrayDeque<Long> tradeIds = new ArrayDeque<>();

  /**
   * Loads the instrument, its open orders in priority order, every holding and today's statistics.
   */
  Future<BookState> load(SqlClient client, String symbol, Instant startOfDay) {
    return client
        .preparedQuery(INSTRUMENT)
        .execute(Tuple.of(symbol))
        .compose(
            instrumentRows -> {
              if (!instrumentRows.iterator().hasNext()) {
                return Future.failedFuture(new IllegalStateException("No instrument " + symbol));
              }
              BookState state = new BookState(Instrument.from(instrumentRows.iterator().next()));
              return Future.all(
                      client.preparedQuery(OPEN_ORDERS).execute(Tuple.of(symbol)),
                      client.preparedQuery(HOLDINGS).execute(Tuple.of(symbol)),
                      client.preparedQuery(DAY_STATS).execute(Tuple.of(symbol, at(startOfDay))))
                  .map(
                      all -> {
                        if (state.instrument.collecting()) {
                          state.book.enterCallAuction();
                        }
                        Long last = state.instrument.lastPriceCents();
                        if (last != null) {
                          state.book.restoreLastPrice(last);
                        }
                        for (Row row : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
                          OrderRow order = OrderRow.from(row);
                          if (order.isWaiting()) {
                            state.book.restoreWaiting(order.toNewOrder(), order.sequence);
                          } else {
                            state.book.restore(
                                order.toNewOrder(), order.filledQuantity, order.sequence);
                          }
                          state.open.put(order.id, order);
                          if (order.isBuy() && order.lockedCents > 0) {
                            state.heldCents.merge(order.userId, order.lockedCents, Long::sum);
                          }
                        }
                        relink(state);
                        for (Row row : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1)) {
                          state.holdings.put(
                              row.getLong("user_id"),
                              new Holding(
                                  row.getLong("user_id"),
                                  row.getLong("shares"),
                                  row.getLong("locked_shares"),
                                  row.getLong("cost_basis_cents"),
                                  row.getLong("realized_pnl_cents")));
                        }
                        Row day = all.<io.vertx.sqlclient.RowSet<Row>>resultAt(2).iterator().next();
                        state.dayVolume = day.getLong("volume");
                        state.dayHighCents = day.getLong("high");
                        state.dayLowCents = day.getLong("low");
                        return state;
                      });
            });
  }

  /**
   * Makes sure at least {@code count} order ids are drawn; ids are used in order and never reused.
   */
  Future<Void> reserveOrderIds(SqlClient client, int count) {
    return reserve(client, NEXT_ORDER_IDS, orderIds, count);
  }

  /** Keeps a stock of trade ids so a batch rarely waits for the sequence. */
  Future<Void> reserveTradeIds(SqlClient client, int count) {
    return reserve(client, NEXT_TRADE_IDS, tradeIds, count);
  }

  private static Future<Void> reserve(
      SqlClient client, String sql, ArrayDeque<Long> stock, int count) {
    if (stock.size() >= count) {
      return Future.succeededFuture();
    }
    int draw = Math.max(count - stock.size(), 1024);
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(draw))
        .map(
            rows -> {
              rows.forEach(row -> stock.add(row.getLong("id")));
              return null;
            });
  }

  long nextOrderId() {
    Long id = orderIds.poll();
    if (id == null) {
      throw new IllegalStateException("no order id reserved");
    }
    return id;
  }

  /**
   * True while this owner still holds the lease under {@code epoch}; blocks a takeover until
   * commit.
   */
  Future<Boolean> holdsLease(SqlConnection conn, String symbol, long epoch) {
    return conn.preparedQuery(FENCE).execute(Tuple.of(symbol, epoch)).map(rows -> rows.size() == 1);
  }

  /** Orders already stored under these (user, clientOrderId) pairs, with their fills. */
  Future<Map<String, ExistingOrder>> existingClientOrders(
      SqlConnection conn, List<Long> users, List<String> clientIds) {
    if (users.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Tuple args =
        Tuple.tuple()
            .addArrayOfLong(users.toArray(Long[]::new))
            .addArrayOfString(clientIds.toArray(String[]::new));
    return conn.preparedQuery(EXISTING_CLIENT_ORDERS)
        .execute(args)
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(Map.<String, ExistingOrder>of());
              }
              List<OrderRow> orders = new ArrayList<>();
              rows.forEach(row -> orders.add(OrderRow.from(row)));
              Long[] ids = orders.stream().map(o -> o.id).toArray(Long[]::new);
              Long[] owners = orders.stream().map(o -> o.userId).distinct().toArray(Long[]::new);
              return conn.preparedQuery(FILLS_OF_ORDERS)
                  .execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfLong(owners))
                  .map(
                      trades -> {
                        Map<String, ExistingOrder> found = new HashMap<>();
                        for (OrderRow order : orders) {
                          JsonArray fills = new JsonArray();
                          for (Row trade : trades) {
                            if (trade.getLong("buy_order_id") == order.id
                                || trade.getLong("sell_order_id") == order.id) {
                              fills.add(TradeRow.from(trade).fillFor(order.id));
                            }
                          }
                          // read by its clientOrderId, so it has one
                          String clientOrderId =
                              java.util.Objects.requireNonNull(order.clientOrderId);
                          found.put(
                              Batch.clientKey(order.userId, clientOrderId),
                              new ExistingOrder(order, fills));
                        }
                        return found;
                      });
            });
  }

  /**
   * Numbers the batch's trades from the stock, drawing more first when a large uncross needs them.
   */
  Future<Void> numberTrades(SqlConnection conn, List<TradeRow> trades) {
    return reserveTradeIds(conn, trades.size())
        .map(
            v -> {
              for (TradeRow trade : trades) {
                trade.id = tradeIds.poll();
              }
              return null;
            });
  }

  /**
   * Links the open legs of each one-cancels-other group again, in the engine and in the rows. While
   * both legs are open the pair's escrow sits on one of them: a sell's shares on the leg placed
   * first, a buy's cash on the leg that locked it (the other locked nothing).
   */
  private static void relink(BookState state) {
    Map<Long, OrderRow> firstOfGroup = new HashMap<>();
    List<OrderRow> byId = new ArrayList<>(state.open.values());
    byId.sort(java.util.Comparator.comparingLong(o -> o.id));
    for (OrderRow order : byId) {
      Long group = order.ocoGroupId;
      if (group == null) {
        continue;
      }
      OrderRow first = firstOfGroup.putIfAbsent(group, order);
      if (first != null) {
        state.book.link(first.id, order.id);
        first.linkedOrderId = order.id;
        order.linkedOrderId = first.id;
        if (order.isBuy()) {
          first.escrowWithSibling = first.lockedCents == 0;
          order.escrowWithSibling = order.lockedCents == 0 && !first.escrowWithSibling;
        } else {
          order.escrowWithSibling = true;
        }
      }
    }
  }

  /** Writes everything a batch changed; statements go out pipelined on the one connection. */
  Future<Void> write(SqlConnection conn, String symbol, Batch batch, BookState state, Instant now) {
    List<Future<?>> writes = new ArrayList<>();
    OffsetDateTime at = at(now);
    if (!batch.newOrders.isEmpty() || !batch.changedOrders.isEmpty()) {
      // the two maps never share an order (Batch.changed), as one upsert needs
      List<OrderRow> orders = new ArrayList<>(batch.newOrders.size() + batch.changedOrders.size());
      orders.addAll(batch.newOrders.values());
      orders.addAll(batch.changedOrders.values());
      writes.add(conn.preparedQuery(UPSERT_ORDERS).execute(upsertOrders(symbol, orders, at)));
    }
    if (!batch.trades.isEmpty()) {
      writes.add(conn.preparedQuery(INSERT_TRADES).execute(insertTrades(symbol, batch.trades, at)));
    }
    if (!batch.changedHoldings.isEmpty()) {
      writes.add(
          conn.preparedQuery(UPSERT_HOLDINGS)
              .execute(upsertHoldings(symbol, batch.changedHoldings, at)));
    }
    if (batch.instrumentChanged) {
      Instrument instrument = state.instrument;
      writes.add(
          conn.preparedQuery(UPDATE_INSTRUMENT)
              .execute(
                  Tuple.of(
                      symbol,
                      instrument.phase().apiName(),
                      instrument.collecting() ? "call_auction" : "continuous",
                      instrument.referencePriceCents(),
                      instrument.lastPriceCents(),
                      at(instrument.phaseChangedAt()))));
    }
    return Future.all(writes).mapEmpty();
  }

  private static Tuple upsertOrders(String symbol, Collection<OrderRow> orders, OffsetDateTime at) {
    int n = orders.size();
    Long[] ids = new Long[n];
    Long[] users = new Long[n];
    String[] clientIds = new String[n];
    String[] sides = new String[n];
    String[] types = new String[n];
    Long[] prices = new Long[n];
    Long[] quantities = new Long[n];
    Long[] filled = new Long[n];
    Long[] values = new Long[n];
    Long[] fees = new Long[n];
    String[] tifs = new String[n];
    String[] statuses = new String[n];
    String[] reasons = new String[n];
    Long[] sequences = new Long[n];
    Long[] escrowPrices = new Long[n];
    Long[] maxCosts = new Long[n];
    Long[] locked = new Long[n];
    Integer[] amends = new Integer[n];
    OffsetDateTime[] expires = new OffsetDateTime[n];
    Long[] stops = new Long[n];
    OffsetDateTime[] triggered = new OffsetDateTime[n];
    Long[] trailCents = new Long[n];
    Integer[] trailBps = new Integer[n];
    Long[] ocoGroups = new Long[n];
    Long[] parents = new Long[n];
    Long[] bracketStops = new Long[n];
    Long[] bracketStopLimits = new Long[n];
    Long[] bracketTargets = new Long[n];
    int i = 0;
    for (OrderRow o : orders) {
      ids[i] = o.id;
      users[i] = o.userId;
      clientIds[i] = o.clientOrderId;
      sides[i] = lower(o.side.name());
      types[i] = o.apiType();
      prices[i] = o.priceCents == 0 ? null : o.priceCents;
      quantities[i] = o.quantity;
      filled[i] = o.filledQuantity;
      values[i] = o.filledValueCents;
      fees[i] = o.feeCents;
      tifs[i] = o.timeInForce.name();
      statuses[i] = o.status.apiName();
      reasons[i] = lower(o.reason.name());
      sequences[i] = o.sequence;
      escrowPrices[i] = o.escrowPriceCents == 0 ? null : o.escrowPriceCents;
      maxCosts[i] = o.maxCostCents;
      locked[i] = o.lockedCents;
      amends[i] = o.amendments;
      expires[i] = o.expiresAt == null ? null : at(o.expiresAt);
      stops[i] = o.triggerKind == null ? null : o.stopPriceCents;
      triggered[i] = o.triggeredAt == null ? null : at(o.triggeredAt);
      trailCents[i] = o.trailCents == 0 ? null : o.trailCents;
      trailBps[i] = o.trailBps == 0 ? null : o.trailBps;
      ocoGroups[i] = o.ocoGroupId;
      parents[i] = o.parentOrderId;
      bracketStops[i] = o.bracketStopCents == 0 ? null : o.bracketStopCents;
      bracketStopLimits[i] = o.bracketStopLimitCents == 0 ? null : o.bracketStopLimitCents;
      bracketTargets[i] = o.bracketTargetCents == 0 ? null : o.bracketTargetCents;
      i++;
    }
    return Tuple.tuple()
        .addArrayOfLong(ids)
        .addString(symbol)
        .addArrayOfLong(users)
        .addArrayOfString(clientIds)
        .addArrayOfString(sides)
        .addArrayOfString(types)
        .addArrayOfLong(prices)
        .addArrayOfLong(quantities)
        .addArrayOfLong(filled)
        .addArrayOfLong(values)
        .addArrayOfLong(fees)
        .addArrayOfString(tifs)
        .addArrayOfString(statuses)
        .addArrayOfString(reasons)
        .addArrayOfLong(sequences)
        .addArrayOfLong(escrowPrices)
        .addArrayOfLong(maxCosts)
        .addOffsetDateTime(at)
        .addArrayOfLong(locked)
        .addArrayOfInteger(amends)
        .addArrayOfOffsetDateTime(expires)
        .addArrayOfLong(stops)
        .addArrayOfOffsetDateTime(triggered)
        .addArrayOfLong(trailCents)
        .addArrayOfInteger(trailBps)
        .addArrayOfLong(ocoGroups)
        .addArrayOfLong(parents)
        .addArrayOfLong(bracketStops)
        .addArrayOfLong(bracketStopLimits)
        .addArrayOfLong(bracketTargets);
  }

  private static Tuple insertTrades(String symbol, List<TradeRow> trades, OffsetDateTime at) {
    int n = trades.size();
    Long[] ids = new Long[n];
    Long[] buyOrders = new Long[n];
    Long[] sellOrders = new Long[n];
    Long[] buyers = new Long[n];
    Long[] sellers = new Long[n];
    Long[] prices = new Long[n];
    Long[] quantities = new Long[n];
    Long[] buyerFees = new Long[n];
    Long[] sellerFees = new Long[n];
    Long[] pnl = new Long[n];
    String[] aggressors = new String[n];
    for (int i = 0; i < n; i++) {
      TradeRow t = trades.get(i);
      ids[i] = t.id;
      buyOrders[i] = t.buyOrderId;
      sellOrders[i] = t.sellOrderId;
      buyers[i] = t.buyerId;
      sellers[i] = t.sellerId;
      prices[i] = t.priceCents;
      quantities[i] = t.quantity;
      buyerFees[i] = t.buyerFeeCents;
      sellerFees[i] = t.sellerFeeCents;
      pnl[i] = t.sellerRealizedPnlCents;
      aggressors[i] = t.aggressorName();
    }
    return Tuple.tuple()
        .addArrayOfLong(ids)
        .addString(symbol)
        .addArrayOfLong(buyOrders)
        .addArrayOfLong(sellOrders)
        .addArrayOfLong(buyers)
        .addArrayOfLong(sellers)
        .addArrayOfLong(prices)
        .addArrayOfLong(quantities)
        .addArrayOfLong(buyerFees)
        .addArrayOfLong(sellerFees)
        .addArrayOfLong(pnl)
        .addOffsetDateTime(at)
        .addArrayOfString(aggressors);
  }

  private static Tuple upsertHoldings(
      String symbol, Collection<Holding> holdings, OffsetDateTime at) {
    int n = holdings.size();
    Long[] users = new Long[n];
    Long[] shares = new Long[n];
    Long[] locked = new Long[n];
    Long[] costs = new Long[n];
    Long[] pnl = new Long[n];
    int i = 0;
    for (Holding h : holdings) {
      users[i] = h.userId;
      shares[i] = h.shares;
      locked[i] = h.lockedShares;
      costs[i] = h.costBasisCents;
      pnl[i] = h.realizedPnlCents;
      i++;
    }
    return Tuple.tuple()
        .addArrayOfLong(users)
        .addString(symbol)
        .addArrayOfLong(shares)
        .addArrayOfLong(locked)
        .addArrayOfLong(costs)
        .addArrayOfLong(pnl)
        .addOffsetDateTime(at);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
