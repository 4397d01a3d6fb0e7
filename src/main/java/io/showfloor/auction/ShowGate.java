package io.showfloor.auction;

import io.showfloor.platform.infra.Database;
import io.showfloor.show.ShowAccess;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What auctions ask of shows: who runs a show and who may not bid in it. */
final class ShowGate {
  private final Database db;
  private final ShowAccess access;

  /** A lot never moves to another show, so its show id is remembered after the first look. */
  private final Map<Long, Long> showOfLot = new ConcurrentHashMap<>();

  ShowGate(Database db, ShowAccess access) {
    this.db = db;
    this.access = access;
  }

  Future<ShowAccess.ShowRef> show(long showId) {
    return access.find(showId);
  }

  /**
   * The show when the caller is its host or a co-host (or an admin); 403 not_show_host otherwise.
   */
  Future<ShowAccess.ShowRef> requireHost(long showId, long userId, boolean admin) {
    return admin ? access.find(showId) : access.requireHost(showId, userId);
  }

  Future<Long> showOf(long lotId) {
    Long known = showOfLot.get(lotId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return db.one("SELECT show_id FROM lots WHERE id = $1", Tuple.of(lotId))
        .map(
            row -> {
              if (row == null) {
                throw Lot.notFound(lotId);
              }
              if (showOfLot.size() > 100_000) {
                showOfLot.clear();
              }
              showOfLot.put(lotId, row.getLong("show_id"));
              return row.getLong("show_id");
            });
  }

  /** Fails with 403 banned_from_show or timed_out when the user may not take part in the show. */
  Future<Void> requireCanBidInShow(long showId, long userId) {
    return access.requireCanParticipate(showId, userId).mapEmpty();
  }
}
