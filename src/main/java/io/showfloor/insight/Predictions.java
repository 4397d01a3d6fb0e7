package io.showfloor.insight;

import io.showfloor.insight.model.Features;
import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The next candle's direction for an instrument, from the newest model of that instrument (or the
 * pooled model while it has too little history), with the model's walk-forward record. Answers are
 * kept per symbol, interval and horizon for the configured TTL; loaded models are kept per scope
 * and replaced when a newer version appears in the database.
 */
final class Predictions {
  // candles read to compute the features of the last one (the longest look-back is 34)
  private static final int LOOK_BACK = 80;
  private final CandleSql candles;
  private final ModelSql models;
  private final InsightSettings settings;
  private final ZoneId marketZone;
  private final Clock clock;
  private final Map<String, Cached> answers = new ConcurrentHashMap<>();
  private final Map<String, StoredModel> loaded = new ConcurrentHashMap<>();

  private record Cached(JsonObject answer, long expiresAtMillis) {}

  Predictions(
      CandleSql candles,
      ModelSql models,
      InsightSettings settings,
      ZoneId marketZone,
      Clock clock) {
    this.candles = candles;
    this.models = models;
    this.settings = settings;
    this.marketZone = marketZone;
    this.clock = clock;
  }

  Future<JsonObject> predict(String symbol, String intervalCode, int horizon) {
    Interval interval;
    try {
      interval = Interval.parse(intervalCode);
    } catch (Refused refused) {
      return Future.failedFuture(refused);
    }
    if (horizon < 1 || horizon > settings.maxHorizon()) {
      return Future.failedFuture(
          Refused.invalid(
              "horizon_out_of_range",
              "horizon counts candles ahead and must be 1.." + settings.maxHorizon()));
    }
    String key = symbol + "|" + interval.code() + "|" + horizon;
    Cached cached = answers.get(key);
    long now = clock.millis();
    if (cached != null && cached.expiresAtMillis() > now) {
      return Future.succeededFuture(cached.answer().copy().put("cached", true));
    }
    return fresh(symbol, interval, horizon)
        .map(
            answer -> {
              answers.put(key, new Cached(answer, now + settings.cacheTtlSeconds() * 1000L));
              return answer.copy().put("cached", false);
            });
  }

  /**
   * Computes the answer now, bypassing the cache (a candle just closed, or nothing cached). Two
   * round trips: one statement says whether the instrument is listed and which model versions would
   * answer, one reads the recent candles; a model version this node has not seen yet is loaded once
   * (the node also loads every newest version when it starts, {@link #loadNewest}).
   */
  Future<JsonObject> fresh(String symbol, Interval interval, int horizon) {
    return models
        .choices(symbol, interval, horizon)
        .compose(choices -> model(symbol, interval, horizon, choices))
        .compose(
            model ->
                candles
                    .candles(symbol, interval, LOOK_BACK, currentBucketStart(interval))
                    .map(list -> answer(symbol, model, list)));
  }

  /** Replaces the cached answer with one just computed (a candle closed). */
  void put(String symbol, Interval interval, int horizon, JsonObject answer) {
    answers.put(
        symbol + "|" + interval.code() + "|" + horizon,
        new Cached(answer, clock.millis() + settings.cacheTtlSeconds() * 1000L));
  }

  /** Loads the newest version of every stored model, so first requests find them in memory. */
  Future<Integer> loadNewest() {
    return models
        .newestOfEach()
        .compose(
            ids -> {
              Future<Integer> chain = Future.succeededFuture(0);
              for (long id : ids) {
                chain = chain.compose(n -> models.load(id).map(m -> n + (remember(m) ? 1 : 0)));
              }
              return chain;
            });
  }

  /** Keeps a model in memory unless a newer version of it is kept already; answers if it was. */
  boolean remember(StoredModel model) {
    String key = model.scope() + "|" + model.interval().code() + "|" + model.horizon();
    StoredModel kept =
        loaded.merge(
            key, model, (have, offered) -> have.version() >= offered.version() ? have : offered);
    return kept == model;
  }

  private Future<StoredModel> model(
      String symbol, Interval interval, int horizon, ModelSql.Choices choices) {
    if (!choices.listed()) {
      return Future.failedFuture(
          Refused.notFound("instrument_not_found", "No instrument " + symbol));
    }
    Long id = choices.own() != null ? choices.own() : choices.pooled();
    if (id == null) {
      return Future.failedFuture(
          Refused.notFound(
              "model_not_trained",
              "No "
                  + interval.code()
                  + " model has been trained yet for "
                  + symbol
                  + " or the market as a whole"));
    }
    String scope = choices.own() != null ? symbol : StoredModel.POOLED;
    StoredModel have = loaded.get(scope + "|" + interval.code() + "|" + horizon);
    if (have != null && have.id() == id) {
      return Future.succeededFuture(have);
    }
    // a version trained since (here or on another node): loaded once, then kept
    return models.load(id).onSuccess(this::remember);
  }

  private JsonObject answer(String symbol, StoredModel model, List<Candle> list) {
    double[] features = Features.latest(list, model.interval().width());
    if (features == null) {
      throw Refused.unprocessable(
          "not_enough_history",
          symbol
              + " needs "
              + (Features.WARM_UP + 1)
              + " closed "
              + model.interval().code()
              + " candles for a prediction");
    }
    double up = model.model().probabilityUp(features);
    boolean predictsUp = up >= 0.5;
    JsonObject metrics = model.metrics();
    JsonObject score = metrics.getJsonObject("model", new JsonObject());
    Candle last = list.get(list.size() - 1);
    return new JsonObject()
        .put("symbol", symbol)
        .put("interval", model.interval().code())
        .put("horizon", model.horizon())
        .put("direction", predictsUp ? "up" : "down")
        .put("probability", round(predictsUp ? up : 1 - up))
        .put("probabilityUp", round(up))
        .put("edge", model.edge())
        .put("basedOnCandle", last.start().toString())
        .put("lastCloseCents", last.closeCents())
        .put("modelVersion", model.version())
        .put("modelScope", model.pooled() ? "pooled" : "instrument")
        .put("trainedAt", model.trainedAt().toString())
        .put(
            "record",
            new JsonObject()
                .put("accuracy", score.getDouble("accuracy", 0.0))
                .put("accuracyLow", score.getDouble("low", 0.0))
                .put("accuracyHigh", score.getDouble("high", 1.0))
                .put("baselineAccuracy", metrics.getDouble("bestBaselineAccuracy", 0.0))
                .put("baseline", metrics.getString("bestBaseline", ""))
                .put("samples", metrics.getInteger("samples", 0))
                .put("logLoss", metrics.getDouble("logLoss", 0.0))
                .put("baselineLogLoss", metrics.getDouble("baseRateLogLoss", 0.0)))
        .put(
            "statement",
            model.edge()
                ? "On candles it had not seen, this model was right more often than the best simple baseline."
                : "No edge: on candles it had not seen, this model did not beat the best simple baseline ("
                    + metrics.getString("bestBaseline", "")
                    + "); treat its direction as a coin toss.");
  }

  // only closed candles count: the one in progress would change under the prediction
  private Instant currentBucketStart(Interval interval) {
    Instant now = clock.instant();
    if (interval == Interval.ONE_DAY) {
      return LocalDate.ofInstant(now, marketZone).atStartOfDay(marketZone).toInstant();
    }
    long width = interval.width().toMillis();
    return Instant.ofEpochMilli(now.toEpochMilli() / width * width);
  }

  private static double round(double p) {
    return Math.round(p * 10_000) / 10_000.0;
  }
}
