package io.showfloor.tournament;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The market's books as a tournament uses them: its instruments are play-money listings of the
 * market (pool = the tournament's id), owned by the market's single writers like any other book.
 * Implemented by the market ({@code market.MarketTournamentBooks}).
 */
public interface TournamentBooks {

  /**
   * What the user's open real-money market buys hold of their wallet cash: a reservation on {@code
   * user:<id>:cash}, not spendable on an entry fee. Read it after locking that cash row.
   */
  Future<Long> walletCashHeld(SqlClient client, long userId);

  /** One synthetic instrument of a tournament; the house holds every share. */
  record Listing(
      String symbol, String name, long referencePriceCents, long totalShares, int priceBandBps) {}

  /** An order's answer: {@code created} for a new order, false for a replay of one. */
  record Placed(boolean created, JsonObject body) {}

  /** Lists the instruments in play pool {@code tournamentId}, in the caller's transaction. */
  Future<Void> list(
      SqlConnection conn, long tournamentId, long houseId, long hostId, List<Listing> listings);

  /** Opens the books for continuous trading. */
  Future<Void> open(List<String> symbols);

  /** Closes the books and cancels every open order of these users in them. */
  Future<Void> close(List<String> symbols, Collection<Long> userIds);

  /** Places an order (the market's order body) with the tournament's play money. */
  Future<Placed> place(long tournamentId, long userId, JsonObject order, @Nullable String key);

  /** Cancels one of the user's open orders in the tournament's books. */
  Future<JsonObject> cancel(long tournamentId, long userId, long orderId);

  /** Cancels every open order of the user in these books. */
  Future<Void> cancelAll(List<String> symbols, long userId);

  /**
   * Each user's equity in the pool: play cash (escrow included) plus shares at the last price (the
   * reference before the first trade); users with nothing are left out.
   */
  Future<Map<Long, Long>> equities(SqlClient client, long tournamentId, Collection<Long> userIds);

  /** A user's play cash, escrow and holdings in the pool. */
  Future<JsonObject> account(long tournamentId, long userId);

  /**
   * The market-maker bot quoting the tournament's instruments as the house, centred on {@code
   * anchor} (a symbol's price the bot quotes around).
   */
  VerticleBase marketMaker(
      long tournamentId,
      long houseId,
      List<String> symbols,
      long quoteEveryMillis,
      int spreadTicks,
      long size,
      Function<String, Future<Long>> anchor);
}
