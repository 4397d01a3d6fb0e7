package io.showfloor.market;

import io.showfloor.market.trading.BookAnswer;
import io.showfloor.market.trading.BookCommand;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.tournament.TournamentBooks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The tournaments' port to the market: a tournament's instruments are approved listings in its play
 * pool, owned by the same single writers as every book, trading the pool's play money (the book
 * picks {@code MarketCash.playMoney} by the instrument's pool and refuses orders from any other
 * venue).
 */
public final class MarketTournamentBooks implements TournamentBooks {
  private static final String LIST =
      """
      INSERT INTO market_instruments (symbol, name, seller_id, status, phase, book_mode, follows_schedule, total_shares,
        reference_price_cents, tick_size_cents, price_band_bps, max_order_quantity, fee_bps, fee_payer, approved_by,
        approved_at, play_pool)
      VALUES ($1, $2, $3, 'approved', 'closed', 'continuous', false, $4, $5, 1, $6, $4, 0, 'seller', $7, now(), $8)""";
  private static final String SEED_HOLDING =
      "INSERT INTO market_holdings (user_id, symbol, shares, cost_basis_cents) VALUES ($1, $2, $3, $4)";
  // play cash and escrow are guarded accounts: their cached balance is the ledger's authority
  private static final String CASH =
      """
      SELECT owner_id AS user_id, SUM(balance_cents) AS cents FROM ledger_accounts
      WHERE owner_id = ANY($2::bigint[]) AND kind IN ('play_cash', 'play_escrow')
        AND code LIKE 'play:' || $1 || ':user:%'
      GROUP BY owner_id""";
  private static final String HELD =
      """
      SELECT h.user_id, h.symbol, h.shares, h.locked_shares,
        COALESCE(i.last_price_cents, i.reference_price_cents) AS mark
      FROM market_holdings h JOIN market_instruments i ON i.symbol = h.symbol
      WHERE i.play_pool = $1 AND h.user_id = ANY($2::bigint[]) AND h.shares > 0 ORDER BY h.symbol""";
  private static final String ORDER_POOL =
      """
      SELECT o.symbol, i.play_pool FROM market_orders o JOIN market_instruments i ON i.symbol = o.symbol
      WHERE o.id = $1 AND o.user_id = $2""";

  private final Database db;
  private final BookClient books;

  private final io.showfloor.market.cash.MarketCash cash;

  private final io.showfloor.market.cash.MarketHolds walletHolds;

  MarketTournamentBooks(
      Database db,
      BookClient books,
      io.showfloor.market.cash.MarketCash cash,
      io.showfloor.market.cash.MarketHolds walletHolds) {
    this.cash = cash;
    this.walletHolds = walletHolds;
    this.db = db;
    this.books = books;
  }

  @Override
  public Future<Void> list(
      SqlConnection conn, long tournamentId, long houseId, long hostId, List<Listing> listings) {
    Future<Void> done = Future.succeededFuture();
    for (Listing listing : listings) {
      Tuple args =
          Tuple.of(
                  listing.symbol(),
                  listing.name(),
                  houseId,
                  listing.totalShares(),
                  listing.referencePriceCents(),
                  listing.priceBandBps())
              .addLong(hostId)
              .addLong(tournamentId);
      done =
          done.compose(v -> conn.preparedQuery(LIST).execute(args))
              .compose(
                  v ->
                      conn.preparedQuery(SEED_HOLDING)
                          .execute(
                              Tuple.of(
                                  houseId,
                                  listing.symbol(),
                                  listing.totalShares(),
                                  listing.referencePriceCents() * listing.totalShares())))
              .mapEmpty();
    }
    return done;
  }

  @Override
  public Future<Long> walletCashHeld(io.vertx.sqlclient.SqlClient client, long userId) {
    return walletHolds.heldCents(client, userId);
  }

  @Override
  public Future<Void> open(List<String> symbols) {
    return each(symbols, s -> phase(s, Phase.CONTINUOUS));
  }

  @Override
  public Future<Void> close(List<String> symbols, Collection<Long> userIds) {
    // closed first, so nothing new arrives while the open orders are cancelled
    return each(symbols, s -> phase(s, Phase.CLOSED))
        .compose(
            v ->
                each(
                    symbols,
                    s ->
                        Future.all(
                                userIds.stream()
                                    .map(u -> books.send(s, new BookCommand.CancelAllRequest(u)))
                                    .toList())
                            .mapEmpty()));
  }

  private Future<Void> phase(String symbol, Phase phase) {
    return books.send(symbol, new BookCommand.PhaseChange(phase, "tournament")).mapEmpty();
  }

  private static Future<Void> each(List<String> symbols, Function<String, Future<?>> step) {
    return Future.all(symbols.stream().map(step).toList()).mapEmpty();
  }

  @Override
  public Future<Placed> place(
      long tournamentId, long userId, JsonObject order, @Nullable String key) {
    BookCommand.OrderRequest request;
    try {
      request = MarketOrderEndpoints.orderRequest(order, key).by(userId, tournamentId);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return books
        .send(request.symbol(), request)
        .map(answer -> new Placed(answer.result() == BookAnswer.Result.PLACED, answer.body()));
  }

  @Override
  public Future<JsonObject> cancel(long tournamentId, long userId, long orderId) {
    return db.one(ORDER_POOL, Tuple.of(orderId, userId))
        .compose(
            row -> {
              Long pool = row == null ? null : row.getLong("play_pool");
              if (row == null || pool == null || pool != tournamentId) {
                return Future.failedFuture(Refused.notFound("order_not_found", "No such order"));
              }
              return books
                  .send(row.getString("symbol"), new BookCommand.CancelRequest(userId, orderId))
                  .map(BookAnswer::body);
            });
  }

  @Override
  public Future<Void> cancelAll(List<String> symbols, long userId) {
    return each(symbols, s -> books.send(s, new BookCommand.CancelAllRequest(userId)));
  }

  @Override
  public Future<Map<Long, Long>> equities(
      SqlClient client, long tournamentId, Collection<Long> userIds) {
    Long[] ids = userIds.toArray(Long[]::new);
    Map<Long, Long> equity = new HashMap<>();
    if (ids.length == 0) {
      return Future.succeededFuture(equity);
    }
    Tuple args = Tuple.of(String.valueOf(tournamentId)).addArrayOfLong(ids);
    Tuple held = Tuple.of(tournamentId).addArrayOfLong(ids);
    return client
        .preparedQuery(CASH)
        .execute(args)
        .compose(
            cash -> {
              cash.forEach(
                  row -> equity.merge(row.getLong("user_id"), row.getLong("cents"), Long::sum));
              return client.preparedQuery(HELD).execute(held);
            })
        .map(
            rows -> {
              for (Row row : rows) {
                equity.merge(
                    row.getLong("user_id"), row.getLong("shares") * row.getLong("mark"), Long::sum);
              }
              return equity;
            });
  }

  @Override
  public Future<JsonObject> account(long tournamentId, long userId) {
    // play cash includes what open buys hold (a reservation): the balance splits it off
    Future<io.showfloor.market.cash.MarketCash.CashBalance> money =
        cash.playMoney(tournamentId).balance(db.pool(), userId);
    Future<io.vertx.sqlclient.RowSet<Row>> held =
        db.query(HELD, Tuple.of(tournamentId).addArrayOfLong(new Long[] {userId}));
    return Future.all(money, held)
        .map(
            all -> {
              JsonArray holdings = new JsonArray();
              long value = 0;
              for (Row row : held.result()) {
                long worth = row.getLong("shares") * row.getLong("mark");
                value += worth;
                holdings.add(
                    new JsonObject()
                        .put("symbol", row.getString("symbol"))
                        .put("shares", row.getLong("shares"))
                        .put("lockedShares", row.getLong("locked_shares"))
                        .put("markCents", row.getLong("mark"))
                        .put("valueCents", worth));
              }
              return new JsonObject()
                  .put("cashCents", money.result().cashCents())
                  .put("lockedCents", money.result().lockedCents())
                  .put("holdings", holdings)
                  .put(
                      "equityCents",
                      money.result().cashCents() + money.result().lockedCents() + value);
            });
  }

  @Override
  public VerticleBase marketMaker(
      long tournamentId,
      long houseId,
      List<String> symbols,
      long quoteEveryMillis,
      int spreadTicks,
      long size,
      Function<String, Future<Long>> anchor) {
    MarketMaker.Venue venue =
        new MarketMaker.Venue() {
          @Override
          public Future<JsonObject> instrument(String symbol) {
            return books
                .read(symbol)
                .compose(
                    view ->
                        anchor
                            .apply(symbol)
                            .map(
                                price -> {
                                  JsonObject instrument = view.getJsonObject("instrument").copy();
                                  if (price != null) {
                                    instrument.put("lastPriceCents", price);
                                  }
                                  return instrument;
                                }));
          }

          @Override
          public Future<Void> cancelOpen(String symbol) {
            return books.send(symbol, new BookCommand.CancelAllRequest(houseId)).mapEmpty();
          }

          @Override
          public Future<Void> place(JsonObject order) {
            BookCommand.OrderRequest request =
                MarketOrderEndpoints.orderRequest(order, null).by(houseId, tournamentId);
            return books.send(request.symbol(), request).mapEmpty();
          }
        };
    return new MarketMaker(
        venue,
        new MarketMaker.Plan(new ArrayList<>(symbols), quoteEveryMillis, spreadTicks, size, 0),
        tournamentId);
  }
}
