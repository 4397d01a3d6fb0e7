package io.showfloor.insight;

import io.showfloor.insight.model.SyntheticPrices;
import io.showfloor.platform.DemoSeed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A past for the demo world's instruments (a new platform has none to learn from): 2,000 one-minute
 * candles each, ending an hour before the seed runs. The first demo instrument's moves tend to
 * reverse (a pattern a model can learn), the others are random walks (no edge), so the pages show
 * both answers. The tape only: no cash or shares move.
 */
final class DemoHistory {
  private static final int MINUTES = 2_000;
  private static final String DEMO_INSTRUMENTS =
      "SELECT symbol, seller_id, reference_price_cents FROM market_instruments "
          + "WHERE symbol LIKE 'DEMO%' AND status = 'approved' ORDER BY symbol";

  private DemoHistory() {}

  static DemoSeed seed() {
    return new DemoSeed(
        "insight.trade-history",
        conn ->
            conn.preparedQuery(DEMO_INSTRUMENTS)
                .execute(Tuple.tuple())
                .compose(
                    rows -> {
                      Future<Void> chain = Future.succeededFuture();
                      int i = 0;
                      for (Row row : rows) {
                        int index = i++;
                        chain = chain.compose(v -> tape(conn, row, index));
                      }
                      // a training pass falls due now, so the demo's models learn from this past
                      return chain.compose(
                          v ->
                              conn.preparedQuery(
                                      "UPDATE insight_jobs SET next_run_at = now() WHERE name = 'train'")
                                  .execute()
                                  .mapEmpty());
                    }));
  }

  private static Future<Void> tape(SqlConnection conn, Row instrument, int index) {
    long start = instrument.getLong("reference_price_cents");
    long[] closes =
        index == 0
            ? SyntheticPrices.meanReverting(index, MINUTES, start, 0.65)
            : SyntheticPrices.randomWalk(index, MINUTES, start);
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    List<GeneratedTrades.Trade> trades = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      trades.add(
          new GeneratedTrades.Trade(
              end.minus(Duration.ofMinutes(MINUTES - m)).plusSeconds(5), closes[m], 1 + m % 4));
    }
    long seller = instrument.getLong("seller_id");
    return GeneratedTrades.write(conn, instrument.getString("symbol"), seller, seller, trades)
        .mapEmpty();
  }
}
