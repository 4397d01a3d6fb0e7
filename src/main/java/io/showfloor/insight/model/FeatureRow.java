package io.showfloor.insight.model;

import java.time.Instant;

/**
 * What the model sees at the close of one candle ({@code features}, in {@link Features#NAMES}
 * order) and what happened next ({@code up}: the next candle closed higher; {@code lastUp}: this
 * candle closed higher than the one before, for the "last move repeated" baseline).
 */
public record FeatureRow(Instant at, double[] features, boolean lastUp, boolean up) {}
