package io.showfloor.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.Settings;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.http.Contract;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PolledCounts;
import io.showfloor.platform.infra.RedisStore;
import io.showfloor.platform.security.AccessTokens;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Vertx;

/** The shared infrastructure of one node, handed to every domain when it is wired. */
public record Platform(
    Vertx vertx,
    Settings settings,
    HttpSettings http,
    Database db,
    RedisStore redis,
    EventPublisher events,
    RateLimiter rateLimiter,
    AccessTokens accessTokens,
    PrometheusMeterRegistry metrics,
    PolledCounts polledCounts,
    Contract contract,
    boolean clustered) {}
