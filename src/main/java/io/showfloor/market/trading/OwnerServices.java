package io.showfloor.market.trading;

import io.micrometer.core.instrument.MeterRegistry;
import io.showfloor.market.Leaderboard;
import io.showfloor.market.MarketSettings;
import io.showfloor.market.cash.MarketCash;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import java.time.Clock;

/**
 * What every book owner of a node uses, and nothing more (not the whole {@code Platform}): the
 * database its batches commit to, where it publishes, its metrics, the market's settings and cash,
 * the leaderboard and fill notices it feeds after each commit, and its clock.
 */
public record OwnerServices(
    Database db,
    EventPublisher events,
    MeterRegistry metrics,
    MarketSettings settings,
    MarketCash cash,
    Leaderboard leaderboard,
    FillNotices fillNotices,
    Clock clock) {}
