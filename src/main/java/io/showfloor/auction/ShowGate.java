package io.showfloor.auction;

import io.vertx.core.Future;

/** What auctions ask of shows: who hosts a show, whether it is live, and who may not take part. */
interface ShowGate {
  record ShowRef(long id, long hostId, String status) {
    boolean isLive() { return "live".equals(status); }
    boolean isOver() { return "ended".equals(status) || "cancelled".equals(status); }
  }

  /** The show, or a 404 problem show_not_found. */
  Future<ShowRef> show(long showId);

  /** Whether the user may host this show's lots (the host, a co-host, or an admin). */
  Future<Boolean> canHost(ShowRef show, long userId, boolean admin);

  /** Fails with 403 when the user is banned or timed out in the show the lot belongs to. */
  Future<Void> requireCanBid(long lotId, long userId);
}
