package io.showfloor.subscription;

import io.vertx.core.json.JsonObject;

/**
 * What a plan costs a period and what it gives: API-key calls a minute, how many days of trade
 * history (0 = all), market data export, watchlist size.
 */
public record Plan(
    String name,
    long priceCents,
    int requestsPerMinute,
    int historyDays,
    boolean export,
    int watchlistMax) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("priceCents", priceCents)
        .put("requestsPerMinute", requestsPerMinute)
        .put("historyDays", historyDays)
        .put("export", export)
        .put("watchlistMax", watchlistMax);
  }
}
