package io.showfloor.insight.lots;

import java.time.Instant;

/** A past lot that sold: its starting and hammer prices and how like the lot in question it is. */
public record SoldLot(
    long startCents, long hammerCents, Instant closedAt, boolean sameSeller, boolean sameCategory) {
  double ratio() {
    return (double) hammerCents / startCents;
  }
}
