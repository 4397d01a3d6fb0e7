package io.showfloor.insight;

import io.showfloor.insight.model.DirectionModel;
import io.showfloor.insight.model.FeatureRow;
import io.showfloor.insight.model.Features;
import io.showfloor.insight.model.TrackRecord;
import io.showfloor.insight.model.WalkForward;
import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains direction models from the trades in PostgreSQL: evaluates walk-forward, trains the final
 * model on every row, stores both as a new version. Learning runs on a worker thread.
 */
final class ModelTraining {
  private static final Logger LOG = LoggerFactory.getLogger(ModelTraining.class);
  // the pooled model needs this many rows before its record means anything
  static final int MIN_POOLED_ROWS = 200;
  private final Vertx vertx;
  private final CandleSql candles;
  private final ModelSql models;
  private final InsightSettings settings;
  private final Consumer<StoredModel> onTrained;

  /** {@code trained} hears of every version stored here (this node's predictions keep it). */
  ModelTraining(
      Vertx vertx,
      CandleSql candles,
      ModelSql models,
      InsightSettings settings,
      Consumer<StoredModel> trained) {
    this.vertx = vertx;
    this.candles = candles;
    this.models = models;
    this.settings = settings;
    this.onTrained = trained;
  }

  /** A new version of one instrument's model; refused when it has too little history. */
  Future<JsonObject> trainInstrument(
      String symbol, Interval interval, int horizon, @Nullable Long trainedBy) {
    return candles
        .requireInstrument(symbol)
        .compose(v -> candles.candles(symbol, interval, settings.trainingCandles(), Instant.now()))
        .compose(
            list ->
                vertx.executeBlocking(
                    () -> Features.labelled(list, interval.width(), horizon), false))
        .compose(
            rows ->
                rows.size() < settings.minCandlesPerInstrument()
                    ? Future.failedFuture(
                        Refused.unprocessable(
                            "not_enough_history",
                            symbol
                                + " has "
                                + rows.size()
                                + " usable "
                                + interval.code()
                                + " candles; its own model needs "
                                + settings.minCandlesPerInstrument()
                                + " (until then the pooled model answers)"))
                    : store(symbol, interval, horizon, rows, trainedBy));
  }

  /** A new version of the pooled model: every instrument's rows, in time order. */
  Future<JsonObject> trainPooled(Interval interval, int horizon, @Nullable Long trainedBy) {
    return candles
        .symbolsTradedSince(Instant.EPOCH)
        .compose(symbols -> pooledRows(symbols, 0, interval, horizon, new ArrayList<>()))
        .compose(
            rows -> {
              if (rows.size() < MIN_POOLED_ROWS) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "not_enough_history",
                        "the market has "
                            + rows.size()
                            + " usable "
                            + interval.code()
                            + " candles; the pooled model needs "
                            + MIN_POOLED_ROWS));
              }
              rows.sort(Comparator.comparing(FeatureRow::at));
              return store(StoredModel.POOLED, interval, horizon, rows, trainedBy);
            });
  }

  private Future<List<FeatureRow>> pooledRows(
      List<String> symbols, int i, Interval interval, int horizon, List<FeatureRow> into) {
    if (i >= symbols.size()) {
      return Future.succeededFuture(into);
    }
    // each instrument contributes at most its share, so one busy instrument cannot drown the rest
    int share = Math.max(200, settings.trainingCandles() / Math.max(1, symbols.size()));
    return candles
        .candles(symbols.get(i), interval, share, Instant.now())
        .compose(
            list ->
                vertx.executeBlocking(
                    () -> Features.labelled(list, interval.width(), horizon), false))
        .compose(
            rows -> {
              into.addAll(rows);
              return pooledRows(symbols, i + 1, interval, horizon, into);
            });
  }

  private Future<JsonObject> store(
      String scope,
      Interval interval,
      int horizon,
      List<FeatureRow> rows,
      @Nullable Long trainedBy) {
    long started = System.nanoTime();
    return vertx
        .executeBlocking(
            () -> new Trained(WalkForward.evaluate(rows), DirectionModel.train(rows).toBytes()),
            false)
        .compose(
            trained -> {
              LOG.info(
                  "Trained the {} model of {} on {} rows in {} ms (edge: {})",
                  interval.code(),
                  scope,
                  rows.size(),
                  (System.nanoTime() - started) / 1_000_000,
                  trained.record().edge());
              return models
                  .insert(
                      scope,
                      interval,
                      horizon,
                      rows.get(0).at(),
                      rows.get(rows.size() - 1).at(),
                      rows.size(),
                      trained.record(),
                      trained.bytes(),
                      trainedBy)
                  .compose(models::load)
                  .map(
                      model -> {
                        onTrained.accept(model);
                        return model.toJson();
                      });
            });
  }

  /**
   * One pass of the scheduled job: every interval's pooled model, then each instrument with enough
   * history. A model that cannot be trained is skipped, not fatal.
   */
  Future<Integer> trainEverything(int horizon) {
    return candles
        .symbolsTradedSince(Instant.EPOCH)
        .compose(
            symbols -> {
              Future<Integer> chain = Future.succeededFuture(0);
              for (Interval interval : Interval.values()) {
                chain = chain.compose(n -> count(n, trainPooled(interval, horizon, null)));
                for (String symbol : symbols) {
                  chain =
                      chain.compose(
                          n -> count(n, trainInstrument(symbol, interval, horizon, null)));
                }
              }
              return chain;
            });
  }

  private static Future<Integer> count(int n, Future<JsonObject> trained) {
    return trained.map(t -> n + 1).otherwise(failure -> quiet(failure, n));
  }

  private static int quiet(Throwable failure, int n) {
    if (!Refused.is(failure, "not_enough_history")) {
      LOG.warn("A model could not be trained: {}", failure.toString());
    }
    return n;
  }

  private record Trained(TrackRecord record, byte[] bytes) {}
}
