package io.showfloor.insight;

import java.time.Instant;

/** One OHLCV bucket of an instrument's trades, prices in cents. */
public record Candle(
    Instant start, long openCents, long highCents, long lowCents, long closeCents, long volume) {}
