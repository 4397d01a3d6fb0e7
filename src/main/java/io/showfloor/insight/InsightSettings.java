package io.showfloor.insight;

import io.showfloor.platform.config.Settings;

/** Insight's configuration ({@code insight.*} in config/default.json), read once. */
public record InsightSettings(
    int cacheTtlSeconds,
    int predictionsPerMinutePerUser,
    int proPredictionsPerMinutePerUser,
    int trainEverySeconds,
    int trainingCandles,
    int minCandlesPerInstrument,
    int candleWatchMillis,
    int maxHorizon) {

  public static InsightSettings from(Settings settings) {
    return new InsightSettings(
        settings.within("insight.cacheTtlSeconds", 30, 1, 3600),
        settings.within("insight.predictionsPerMinutePerUser", 30, 1, 100_000),
        settings.within("insight.proPredictionsPerMinutePerUser", 120, 1, 100_000),
        settings.within("insight.trainEverySeconds", 3600, 10, 7 * 24 * 3600),
        settings.within("insight.trainingCandles", 20_000, 100, 200_000),
        settings.within("insight.minCandlesPerInstrument", 300, 50, 100_000),
        settings.within("insight.candleWatchMillis", 5000, 100, 600_000),
        settings.within("insight.maxHorizon", 1, 1, 1));
  }
}
