package io.showfloor.platform.config;

import org.jspecify.annotations.Nullable;

/**
 * {@code metrics.*}: the bearer token a remote scraper of {@code /metrics} presents (none: only
 * this machine may scrape), and how often the counts PostgreSQL answers are read again (at least
 * every 100 ms, 5 s by default).
 */
public record MetricsSettings(@Nullable String token, long countRefreshMillis) {

  public static MetricsSettings from(Settings settings) {
    return new MetricsSettings(
        settings.string("metrics.token", null),
        Math.max(100, settings.longValue("metrics.countRefreshMillis", 5_000)));
  }
}
