package io.showfloor.insight;

import io.showfloor.market.MarketSettings;
import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import java.util.List;

/**
 * Market insight: technical indicators, a direction model per instrument with its honest record,
 * and hammer-price estimates for lots. Reads trades and lots through SQL only (docs/INSIGHT.md).
 */
public final class Insight implements Domain {
  private final InsightSettings settings;
  private final CandleSql candles;
  private final IndicatorService indicators;

  public Insight(Platform platform) {
    this.settings = InsightSettings.from(platform.settings());
    this.candles =
        new CandleSql(platform.db(), MarketSettings.from(platform.settings()).timeZone());
    this.indicators = new IndicatorService(candles);
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new InsightEndpoints(indicators));
  }
}
