package io.showfloor.auction;

import io.showfloor.auction.rules.LotClosing;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a lot exactly once: a row lock taken only when the lot is open and its deadline has passed
 * by the database clock, then a conditional update. A second node or a retry finds nothing to do. A
 * sold lot's order is created in the same transaction.
 */
final class LotCloser {
  private static final Logger LOG = LoggerFactory.getLogger(LotCloser.class);
  private final Database db;
  private final SaleOrders orders;
  private final LotEvents events;
  private final AuctionNotices notices;

  LotCloser(Database db, SaleOrders orders, LotEvents events, AuctionNotices notices) {
    this.db = db;
    this.orders = orders;
    this.events = events;
    this.notices = notices;
  }

  /** A closed lot and, when it sold, the winner's notice to push after the commit. */
  private record Closed(Lot lot, io.showfloor.notify.@Nullable Notification notice) {}

  /**
   * Closes the lot if it is due; succeeds with the closed lot or null when there was nothing to do.
   */
  Future<Lot> closeIfDue(long lotId) {
    return db.tx(
            conn ->
                conn.preparedQuery(LotSql.LOCK_DUE)
                    .execute(Tuple.of(lotId))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.<Closed>succeededFuture();
                          }
                          return close(conn, Lot.from(rows.iterator().next()));
                        }))
        .map(
            closed -> {
              if (closed == null) {
                return null;
              }
              String what = "lot " + closed.lot().id() + " closed";
              PostCommit.announce(what, () -> events.closed(closed.lot(), Instant.now()));
              PostCommit.run(
                  what,
                  () -> {
                    if (closed.lot().winnerId() != null) {
                      orders.chargeSavedCard(closed.lot().winnerId(), "lot:" + closed.lot().id());
                    }
                    if (closed.notice() != null) {
                      notices.publish(closed.notice());
                    }
                  });
              return closed.lot();
            })
        .onFailure(e -> LOG.error("Closing lot {} failed; the sweep will retry", lotId, e));
  }

  private Future<Closed> close(SqlConnection conn, Lot lot) {
    LotClosing closing = ProxyBidding.close(lot.state());
    if (closing instanceof LotClosing.Sold sold) {
      SaleOrders.Sale sale =
          new SaleOrders.Sale(
              "lot",
              lot.id(),
              lot.showId(),
              lot.productId(),
              lot.state().sellerId(),
              lot.state().hostId(),
              sold.winnerId(),
              sold.hammerPriceCents(),
              1);
      return orders
          .createOrder(conn, sale)
          .compose(
              orderId ->
                  finish(conn, lot.id(), "sold", sold.winnerId(), sold.hammerPriceCents(), orderId))
          // finish stored the order just created on the sold lot, so its orderId is set
          .compose(
              closed ->
                  notices
                      .won(
                          conn,
                          closed,
                          sold.winnerId(),
                          sold.hammerPriceCents(),
                          Objects.requireNonNull(closed.orderId(), "orderId"))
                      .map(notice -> new Closed(closed, notice)));
    }
    return orders
        .releaseStock(conn, lot.productId(), 1)
        .compose(v -> finish(conn, lot.id(), "unsold", null, null, null))
        .map(closed -> new Closed(closed, null));
  }

  private Future<Lot> finish(
      SqlConnection conn,
      long lotId,
      String status,
      @Nullable Long winner,
      @Nullable Long price,
      @Nullable Long orderId) {
    return conn.preparedQuery(LotSql.CLOSE)
        .execute(Tuple.of(lotId, status, winner, price, orderId))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return Lot.from(row);
            });
  }
}
