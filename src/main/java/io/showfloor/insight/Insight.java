package io.showfloor.insight;

import io.showfloor.market.MarketSettings;
import io.showfloor.platform.DemoSeed;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Market insight: technical indicators, a direction model per instrument with its honest record,
 * and hammer-price estimates for lots. Reads trades and lots through SQL only (docs/INSIGHT.md).
 */
public final class Insight implements Domain {
  private static final Logger LOG = LoggerFactory.getLogger(Insight.class);
  private final Platform platform;
  private final InsightSettings settings;
  private final IndicatorService indicators;
  private final ModelTraining training;
  private final Predictions predictions;
  private final CandleCloses candleCloses;

  public Insight(Platform platform) {
    this.platform = platform;
    this.settings = InsightSettings.from(platform.settings());
    ZoneId zone = MarketSettings.from(platform.settings()).timeZone();
    CandleSql candles = new CandleSql(platform.db(), zone);
    ModelSql models = new ModelSql(platform.db());
    this.indicators = new IndicatorService(candles);
    this.predictions = new Predictions(candles, models, settings, zone, Clock.systemUTC());
    this.training =
        new ModelTraining(platform.vertx(), candles, models, settings, predictions::remember);
    this.candleCloses =
        new CandleCloses(platform.db(), predictions, platform.events(), Clock.systemUTC());
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(
        new InsightEndpoints(
            indicators,
            predictions,
            training,
            platform.rateLimiter(),
            settings,
            new LotEstimates(platform.db())));
  }

  @Override
  public List<DemoSeed> demoSeeds() {
    return List.of(DemoHistory.seed());
  }

  @Override
  public Future<Void> start() {
    // every node keeps the newest models in memory, so no first request waits for one to load
    predictions
        .loadNewest()
        .onFailure(
            failure -> LOG.warn("Insight models were not loaded at start: {}", failure.toString()));
    // training is the heaviest thing insight does: one node an interval, never two passes at once;
    // looked at every few seconds, so a pass that fell due (a new node, the demo's history) starts
    // soon
    ScheduledJob.every(
        platform.vertx(),
        platform.db(),
        "train",
        settings.trainEverySeconds(),
        Math.min(5_000L, settings.trainEverySeconds() * 1000L),
        30 * 60_000L,
        () -> training.trainEverything(1));
    // a period a little under the check interval, so every check of the node that holds it runs
    int watchSeconds = Math.max(1, settings.candleWatchMillis() / 1000 - 1);
    ScheduledJob.every(
        platform.vertx(),
        platform.db(),
        "candles",
        watchSeconds,
        settings.candleWatchMillis(),
        60_000L,
        candleCloses::pass);
    return Future.succeededFuture();
  }
}
