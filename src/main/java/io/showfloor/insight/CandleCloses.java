package io.showfloor.insight;

import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a fresh prediction as a {@code prediction} frame on {@code market:<symbol>} when a
 * candle of that instrument closes. It watches the tape rather than hooking the market: a pass
 * finds instruments that traded in the bucket that just ended, and insight_announced makes each
 * (symbol, interval, bucket) announced once across the cluster. The 1d candle is left out: its
 * close follows the market's calendar, and a day-ahead prediction is served on request.
 */
final class CandleCloses {
  private static final Logger LOG = LoggerFactory.getLogger(CandleCloses.class);
  private static final String TRADED =
      "SELECT DISTINCT symbol FROM market_trades WHERE executed_at >= $1 AND executed_at < $2";
  private static final String CLAIM =
      """
      INSERT INTO insight_announced (symbol, interval, bucket) VALUES ($1, $2, $3)
      ON CONFLICT (symbol, interval) DO UPDATE SET bucket = EXCLUDED.bucket
      WHERE insight_announced.bucket < EXCLUDED.bucket RETURNING symbol""";
  private static final List<Interval> WATCHED =
      List.of(Interval.ONE_MINUTE, Interval.FIVE_MINUTES, Interval.ONE_HOUR);

  private final Database db;
  private final Predictions predictions;
  private final EventPublisher events;
  private final Clock clock;

  CandleCloses(Database db, Predictions predictions, EventPublisher events, Clock clock) {
    this.db = db;
    this.predictions = predictions;
    this.events = events;
    this.clock = clock;
  }

  /** One pass; answers how many frames went out. */
  Future<Integer> pass() {
    Future<Integer> chain = Future.succeededFuture(0);
    for (Interval interval : WATCHED) {
      chain = chain.compose(n -> interval(interval).map(m -> n + m));
    }
    return chain;
  }

  private Future<Integer> interval(Interval interval) {
    long width = interval.width().toMillis();
    Instant end = Instant.ofEpochMilli(clock.millis() / width * width);
    Instant start = end.minusMillis(width);
    return db.query(TRADED, Tuple.of(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC)))
        .compose(
            rows -> {
              List<String> symbols = new ArrayList<>();
              for (Row row : rows) {
                symbols.add(row.getString("symbol"));
              }
              Future<Integer> chain = Future.succeededFuture(0);
              for (String symbol : symbols) {
                chain = chain.compose(n -> announce(symbol, interval, start).map(m -> n + m));
              }
              return chain;
            });
  }

  private Future<Integer> announce(String symbol, Interval interval, Instant bucket) {
    return db.one(CLAIM, Tuple.of(symbol, interval.code(), bucket.atOffset(ZoneOffset.UTC)))
        .compose(
            claimed -> {
              if (claimed == null) {
                return Future.succeededFuture(0);
              }
              return predictions
                  .fresh(symbol, interval, 1)
                  .compose(
                      answer -> {
                        predictions.put(symbol, interval, 1, answer);
                        return events.publish("market:" + symbol, "prediction", answer).map(1);
                      })
                  .otherwise(
                      failure -> {
                        // no model yet, or too little history: nothing to announce
                        if (!(failure instanceof Refused)) {
                          LOG.warn(
                              "No prediction for {} {}: {}",
                              symbol,
                              interval.code(),
                              failure.toString());
                        }
                        return 0;
                      });
            });
  }
}
