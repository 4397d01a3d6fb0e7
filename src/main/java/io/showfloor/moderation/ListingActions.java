package io.showfloor.moderation;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import org.jspecify.annotations.Nullable;

/**
 * What moderation asks of the market about its listings and surveillance flags, carried out with
 * the market's own admin tools. Implemented by the market ({@code market.MarketListingActions}).
 */
public interface ListingActions {
  /** What stopping a listing did. */
  enum Stopped {
    /** A pending listing was rejected. */
    REJECTED,
    /** An approved listing was halted by its book owner (no new orders; cancels still work). */
    HALTED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Stops a listing outside any transaction (its book owner applies it); 404 instrument_not_found.
   */
  Future<Stopped> stopListing(long adminId, String symbol);

  /** A moderator's verdict on a surveillance flag, inside the queue decision's transaction. */
  Future<Void> reviewFlag(
      SqlConnection tx, long moderatorId, long flagId, boolean confirmed, @Nullable String note);
}
