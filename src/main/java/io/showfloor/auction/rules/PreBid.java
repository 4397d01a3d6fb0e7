package io.showfloor.auction.rules;

import java.time.Instant;
import java.util.Objects;

/** A maximum left on a queued lot, resolved when the lot opens (see {@link ProxyBidding#open}). */
public record PreBid(long bidderId, long maxAmountCents, Instant placedAt) {

  public PreBid {
    Objects.requireNonNull(placedAt, "placedAt");
  }
}
