package io.showfloor.market;

import io.showfloor.account.DemoUsers;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * {@code --demo}: a living market. The seed lists three items of the demo seller as shares,
 * approved by the demo admin, trading continuously around the clock (off the daily schedule). The
 * living demo ({@code io.showfloor.demo}) runs the demo seller's {@link MarketMaker} on them and
 * bot traders against it, on one node of the cluster.
 */
public final class DemoMarket {
  public static final List<String> SYMBOLS = List.of("DEMOGTR", "DEMOWATCH", "DEMOSNKR");
  private static final List<String> NAMES =
      List.of("Signed stage guitar", "1968 dive watch", "Game-worn sneakers");
  private static final long SHARES = 10_000;
  private static final long REFERENCE_CENTS = 10_000;

  DemoMarket() {}

  /**
   * Plants the demo instruments once (recorded in demo_seeds); the demo users come from the
   * accounts seed.
   */
  DemoSeed seed() {
    return new DemoSeed(
        "market.instruments",
        conn ->
            ids(conn)
                .compose(
                    ids -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (int i = 0; i < SYMBOLS.size(); i++) {
                        String symbol = SYMBOLS.get(i);
                        String name = NAMES.get(i);
                        chain =
                            chain.compose(
                                v ->
                                    conn.preparedQuery(
                                            """
                INSERT INTO market_instruments (symbol, name, seller_id, status, phase, book_mode, follows_schedule,
                  total_shares, reference_price_cents, max_order_quantity, approved_by, approved_at)
                VALUES ($1, $2, $3, 'approved', 'continuous', 'continuous', false, $4, $5, $4, $6, now())
                ON CONFLICT (symbol) DO NOTHING""")
                                        .execute(
                                            Tuple.of(
                                                symbol,
                                                name,
                                                ids[0],
                                                SHARES,
                                                REFERENCE_CENTS,
                                                ids[1]))
                                        .compose(
                                            inserted ->
                                                inserted.rowCount() == 0
                                                    ? Future.succeededFuture()
                                                    : conn.preparedQuery(
                                                            "INSERT INTO market_holdings (user_id, symbol, shares, cost_basis_cents) "
                                                                + "VALUES ($1, $2, $3, $4)")
                                                        .execute(
                                                            Tuple.of(
                                                                ids[0],
                                                                symbol,
                                                                SHARES,
                                                                SHARES * REFERENCE_CENTS)))
                                        .mapEmpty());
                      }
                      return chain;
                    }));
  }

  /** {seller id, admin id} of the demo world. */
  private static Future<long[]> ids(SqlConnection conn) {
    return conn.preparedQuery(
            "SELECT id, lower(email) AS email FROM user_directory WHERE lower(email) = ANY($1::text[])")
        .execute(Tuple.tuple().addArrayOfString(new String[] {DemoUsers.SELLER, DemoUsers.ADMIN}))
        .map(
            rows -> {
              long[] ids = new long[2];
              for (Row row : rows) {
                ids[DemoUsers.SELLER.equals(row.getString("email")) ? 0 : 1] = row.getLong("id");
              }
              if (ids[0] == 0 || ids[1] == 0) {
                throw new IllegalStateException(
                    "the demo seller and admin are planted by the accounts seed first");
              }
              return ids;
            });
  }
}
