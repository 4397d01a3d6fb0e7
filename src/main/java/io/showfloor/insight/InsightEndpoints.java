package io.showfloor.insight;

import io.showfloor.platform.Refused;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Indicators, predictions, models and lot estimates over HTTP. */
final class InsightEndpoints implements ApiRoutes {
  private final IndicatorService indicators;
  private final Predictions predictions;
  private final ModelTraining training;
  private final RateLimiter limiter;
  private final InsightSettings settings;
  private final LotEstimates lots;
  private final ProMembers pro;

  InsightEndpoints(
      IndicatorService indicators,
      Predictions predictions,
      ModelTraining training,
      RateLimiter limiter,
      InsightSettings settings,
      LotEstimates lots,
      ProMembers pro) {
    this.indicators = indicators;
    this.predictions = predictions;
    this.training = training;
    this.limiter = limiter;
    this.settings = settings;
    this.lots = lots;
    this.pro = pro;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "getIndicators",
        req ->
            indicators
                .indicators(
                    req.path("symbol"),
                    orDefault(req.query("interval"), "1m"),
                    orDefault(req.query("names"), "sma,ema,bollinger"),
                    (int) req.queryLong("limit", 200))
                .map(Reply::ok));
    api.on(
        "getPrediction",
        req ->
            req.caller()
                .compose(
                    caller ->
                        (caller.isAnonymous()
                                ? Future.succeededFuture(false)
                                : pro.isPro(caller.userId()))
                            .compose(
                                isPro ->
                                    limiter.check(
                                        "insight:prediction:"
                                            + (caller.isAnonymous()
                                                ? "ip:" + req.ip()
                                                : caller.userId()),
                                        isPro
                                            ? settings.proPredictionsPerMinutePerUser()
                                            : settings.predictionsPerMinutePerUser(),
                                        60)))
                .compose(
                    v ->
                        predictions.predict(
                            req.path("symbol"),
                            orDefault(req.query("interval"), "1m"),
                            (int) req.queryLong("horizon", 1)))
                .map(Reply::ok));
    api.on("getLotEstimate", req -> lots.estimate(req.pathLong("id")).map(Reply::ok));
    api.on(
        "trainModel",
        req ->
            req.withRole("admin")
                .compose(
                    admin -> {
                      JsonObject body = req.body();
                      String symbol = body.getString("symbol");
                      Interval interval;
                      try {
                        interval = Interval.parse(body.getString("interval", "1m"));
                      } catch (Refused refused) {
                        return Future.failedFuture(refused);
                      }
                      int horizon = body.getInteger("horizon", 1);
                      if (horizon < 1 || horizon > settings.maxHorizon()) {
                        return Future.failedFuture(
                            Refused.invalid(
                                "horizon_out_of_range",
                                "horizon must be 1.." + settings.maxHorizon()));
                      }
                      return symbol == null
                          ? training.trainPooled(interval, horizon, admin.userId())
                          : training.trainInstrument(symbol, interval, horizon, admin.userId());
                    })
                .map(Reply::created));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
