package io.showfloor.auction;

import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.RunnerUp;
import io.showfloor.notify.Notification;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a sold lot's order until it is paid. The winner may pay until the order's window ({@code
 * commerce.lotPaymentHours}) closes, whether or not the show is still live: ending a show never
 * takes a won or bought lot back. Only commerce cancels the order, when the window closes ({@code
 * payment_expired}) or when the seller cancels it with a reason the buyer sees ({@code
 * cancelled_by_seller}); either makes the lot {@code unpaid} (its unit went back to stock; nothing
 * was paid, so no ledger entry), the winner and the seller are told, and the runner-up is noted so
 * the seller may offer them the lot. A runner-up offer is followed the same way: paid, the lot is
 * sold to them; expired, it ends unsold.
 *
 * <p>Every node sweeps the few lots marked {@code awaiting_payment}; each is settled in its own
 * transaction that takes the lot row with SKIP LOCKED and re-reads the order, so a settlement
 * happens once whichever node sees it, and a payment that commits first wins over the cancellation.
 */
final class UnpaidLots {
  private static final Logger LOG = LoggerFactory.getLogger(UnpaidLots.class);
  // the order a lot waits on: the winner's, or the runner-up's once an offer is out
  private static final String WAITED_ORDER =
      """
      CASE WHEN l.status = 'offered' THEN (SELECT order_id FROM lot_offers WHERE lot_id = l.id) ELSE l.order_id END""";

  /** Lots whose waited order left pending_payment: paid, or cancelled by commerce. */
  private static final String DUE =
      """
      SELECT l.id FROM lots l
        JOIN orders o ON o.id = """
          + WAITED_ORDER
          + """

      WHERE l.awaiting_payment AND o.status <> 'pending_payment'
      ORDER BY l.id LIMIT 100""";

  private static final String LOCK =
      """
      SELECT l.*, clock_timestamp() AS now, o.id AS waited_order_id, o.status AS order_status,
             o.cancel_reason AS order_cancel_reason
      FROM lots l
        JOIN orders o ON o.id = """
          + WAITED_ORDER
          + """

      WHERE l.id = $1 AND l.awaiting_payment
      FOR UPDATE OF l SKIP LOCKED""";
  private static final String BIDDERS =
      """
      SELECT DISTINCT ON (bidder_id) bidder_id, max_amount_cents, id FROM bids
      WHERE lot_id = $1 AND accepted AND reason IS NULL
      ORDER BY bidder_id, max_amount_cents DESC, id""";
  private static final String MARK_UNPAID =
      """
      UPDATE lots SET status = 'unpaid', awaiting_payment = false, runner_up_id = $2, runner_up_cents = $3
      WHERE id = $1 AND status = 'sold' RETURNING *, clock_timestamp() AS now""";
  private static final String MARK_PAID = "UPDATE lots SET awaiting_payment = false WHERE id = $1";
  private static final String OFFER_ACCEPTED =
      """
      WITH f AS (UPDATE lot_offers SET status = 'accepted', decided_at = now() WHERE lot_id = $1 AND status = 'offered'
                 RETURNING runner_up_id, price_cents, order_id)
      UPDATE lots l SET status = 'sold', awaiting_payment = false, winner_id = f.runner_up_id,
                        hammer_price_cents = f.price_cents, order_id = f.order_id
      FROM f WHERE l.id = $1 AND l.status = 'offered'""";

  private final Database db;
  private final LotEvents events;
  private final AuctionNotices notices;

  UnpaidLots(Database db, LotEvents events, AuctionNotices notices) {
    this.db = db;
    this.events = events;
    this.notices = notices;
  }

  /** A settlement and what to announce once it is committed. */
  private record Settled(
      long lotId, @Nullable String event, @Nullable Long privately, List<Notification> notices) {}

  /**
   * One pass over the lots with something to settle; {@link OnePass} keeps passes from overlapping.
   */
  Future<Boolean> sweep() {
    return db.query(DUE, Tuple.tuple())
        .compose(
            rows -> {
              Future<Void> chain = Future.succeededFuture();
              for (Row row : rows) {
                long lotId = row.getLong("id");
                chain =
                    chain.compose(
                        v ->
                            settle(lotId)
                                .<Void>mapEmpty()
                                .recover(
                                    e -> {
                                      LOG.warn(
                                          "Settling unpaid lot {} failed; the next sweep retries",
                                          lotId,
                                          e);
                                      return Future.succeededFuture();
                                    }));
              }
              return chain.map(false);
            });
  }

  /**
   * Settles the lot if something changed; succeeds with the event published, or null when nothing
   * was due.
   */
  Future<String> settle(long lotId) {
    return db.tx(
            conn ->
                conn.preparedQuery(LOCK)
                    .execute(Tuple.of(lotId))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.<Settled>succeededFuture();
                          }
                          Row row = rows.iterator().next();
                          return decide(conn, Lot.from(row), row);
                        }))
        .compose(
            settled -> {
              String event = settled == null ? null : settled.event();
              if (settled == null || event == null) {
                return Future.succeededFuture();
              }
              settled.notices().forEach(n -> notices.publish(n));
              return db.one(LotSql.BY_ID, Tuple.of(lotId))
                  .compose(
                      row ->
                          events.afterSale(
                              Lot.from(row), event, settled.privately(), Instant.now()))
                  .map(event);
            });
  }

  private Future<Settled> decide(SqlConnection conn, Lot lot, Row row) {
    String orderStatus = row.getString("order_status");
    long orderId = row.getLong("waited_order_id");
    boolean offered = lot.state().status() == LotStatus.OFFERED;
    if ("cancelled".equals(orderStatus)) {
      String reason = row.getString("order_cancel_reason");
      return offered
          ? offerExpired(conn, lot)
          : unpaid(conn, lot, orderId, reason == null ? "payment_expired" : reason);
    }
    if (!"pending_payment".equals(orderStatus)) {
      return offered
          ? conn.preparedQuery(OFFER_ACCEPTED)
              .execute(Tuple.of(lot.id()))
              .map(v -> new Settled(lot.id(), "lot.offer_accepted", null, List.of()))
          : conn.preparedQuery(MARK_PAID)
              .execute(Tuple.of(lot.id()))
              .map(v -> new Settled(lot.id(), null, null, List.of()));
    }
    // still inside its payment window: nothing to settle yet
    return Future.succeededFuture();
  }

  private Future<Settled> unpaid(SqlConnection conn, Lot lot, long orderId, String reason) {
    // only a sold lot waits for payment, and a sold lot has its winner and hammer price
    long winnerId = Objects.requireNonNull(lot.winnerId(), "winnerId");
    long hammerPriceCents = Objects.requireNonNull(lot.hammerPriceCents(), "hammerPriceCents");
    return conn.preparedQuery(BIDDERS)
        .execute(Tuple.of(lot.id()))
        .compose(
            rows -> {
              List<RunnerUp.Standing> standings = new ArrayList<>();
              rows.forEach(
                  r ->
                      standings.add(
                          new RunnerUp.Standing(
                              r.getLong("bidder_id"),
                              r.getLong("max_amount_cents"),
                              r.getLong("id"))));
              RunnerUp.Offer runnerUp =
                  RunnerUp.choose(standings, winnerId, hammerPriceCents).orElse(null);
              return conn.preparedQuery(MARK_UNPAID)
                  .execute(
                      Tuple.of(
                          lot.id(),
                          runnerUp == null ? null : runnerUp.bidderId(),
                          runnerUp == null ? null : runnerUp.priceCents()))
                  .compose(
                      v -> notices.unpaid(conn, lot, winnerId, orderId, reason, runnerUp != null))
                  .map(stored -> new Settled(lot.id(), "lot.unpaid", winnerId, stored));
            });
  }

  private Future<Settled> offerExpired(SqlConnection conn, Lot lot) {
    return conn.preparedQuery(LotSql.END_OFFER)
        .execute(Tuple.of(lot.id(), "expired"))
        .compose(v -> notices.offerEnded(conn, lot, "expired"))
        .map(n -> new Settled(lot.id(), "lot.offer_expired", null, List.of(n)));
  }
}
