package io.showfloor.auction.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * The high bidder of a lot and their standing maximum. {@code maxSince} is when that maximum was
 * placed; it is kept for the bid history, since between equal maximums the earlier one leads.
 */
public record Leader(long bidderId, long maxCents, Instant maxSince) {

  public Leader {
    Objects.requireNonNull(maxSince, "maxSince");
    if (maxCents <= 0) {
      throw new IllegalArgumentException("a leading maximum is positive: " + maxCents);
    }
  }
}
