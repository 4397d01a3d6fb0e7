package io.showfloor.insight;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** Indicators, predictions and lot estimates over HTTP. */
final class InsightEndpoints implements ApiRoutes {
  private final IndicatorService indicators;

  InsightEndpoints(IndicatorService indicators) {
    this.indicators = indicators;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "getIndicators",
        req -> {
          String interval = req.query("interval");
          String names = req.query("names");
          return indicators
              .indicators(
                  req.path("symbol"),
                  interval == null ? "1m" : interval,
                  names == null ? "sma,ema,bollinger" : names,
                  (int) req.queryLong("limit", 200))
              .map(Reply::ok);
        });
  }
}
