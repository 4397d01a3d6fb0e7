package io.showfloor.market.engine;

/** One aggregated price level: open shares and the number of orders at that price. */
public record DepthLevel(long priceCents, long quantity, int orders) {}
