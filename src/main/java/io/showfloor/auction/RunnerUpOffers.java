package io.showfloor.auction;

import io.showfloor.auction.rules.LotStatus;
import io.showfloor.notify.Notification;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The second-chance offer: once a lot is {@code unpaid}, its seller (or the show's host) may offer
 * it once to the runner-up found when the winner defaulted ({@link UnpaidLots}). The runner-up gets
 * a locked order at the offered price with its own window, accepts by paying it, or declines; a
 * decline or an expiry ends the lot unsold. The lot's row lock and the one-offer-per-lot key make
 * it happen once; the same Idempotency-Key answers a retry with the same offer.
 */
final class RunnerUpOffers {
  private static final String OFFER =
      """
      SELECT runner_up_id, status, order_id, offered_by, idempotency_key FROM lot_offers WHERE lot_id = $1""";
  private static final String INSERT =
      """
      INSERT INTO lot_offers (lot_id, runner_up_id, price_cents, order_id, defaulted_winner_id, defaulted_order_id,
                              offered_by, idempotency_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String MARK_OFFERED =
      """
      UPDATE lots SET status = 'offered', awaiting_payment = true WHERE id = $1 AND status = 'unpaid'""";

  private final Database db;
  private final ShowGate shows;
  private final SaleOrders orders;
  private final LotEvents events;
  private final AuctionNotices notices;
  private final long windowSeconds;

  RunnerUpOffers(
      Database db,
      ShowGate shows,
      SaleOrders orders,
      LotEvents events,
      AuctionNotices notices,
      long windowSeconds) {
    this.db = db;
    this.shows = shows;
    this.orders = orders;
    this.events = events;
    this.notices = notices;
    this.windowSeconds = windowSeconds;
  }

  /** What a change committed: the notice to push, or none when it was a replay or a repeat. */
  private record Done(@Nullable Notification notice, boolean replayed) {}

  /** Succeeds with the lot as offered; a replay when the same caller sent the same key before. */
  Future<IdempotentResult<JsonObject>> offer(Caller caller, long lotId, String idempotencyKey) {
    return sellerOrHost(caller, lotId)
        .compose(
            v ->
                db.tx(
                    conn ->
                        conn.preparedQuery(LotSql.LOCK)
                            .execute(Tuple.of(lotId))
                            .compose(
                                rows -> {
                                  Lot lot = Lot.from(rows.iterator().next());
                                  return conn.preparedQuery(OFFER)
                                      .execute(Tuple.of(lotId))
                                      .compose(
                                          existing -> {
                                            if (existing.size() > 0) {
                                              Row offer = existing.iterator().next();
                                              boolean retry =
                                                  idempotencyKey != null
                                                      && idempotencyKey.equals(
                                                          offer.getString("idempotency_key"))
                                                      && offer.getLong("offered_by")
                                                          == caller.userId();
                                              return retry
                                                  ? Future.succeededFuture(new Done(null, true))
                                                  : Future.failedFuture(
                                                      Refused.conflict(
                                                          "offer_exists",
                                                          "This lot has already been offered to its runner-up"));
                                            }
                                            if (lot.state().status() != LotStatus.UNPAID) {
                                              return Future.failedFuture(
                                                  Refused.conflict(
                                                      "lot_not_unpaid",
                                                      "Only a lot whose winner did not pay can be offered to the runner-up; this one is "
                                                          + lot.state().status().wireName()));
                                            }
                                            Lot.AfterSale runnerUp = lot.afterSale();
                                            if (runnerUp.runnerUpId() == null) {
                                              return Future.failedFuture(
                                                  Refused.conflict(
                                                      "no_runner_up",
                                                      "No other bidder placed an accepted bid on this lot"));
                                            }
                                            // the runner-up's price is stored with the runner-up
                                            // (MARK_UNPAID), so it is set here too
                                            return make(
                                                conn,
                                                caller,
                                                lot,
                                                runnerUp.runnerUpId(),
                                                Objects.requireNonNull(
                                                    runnerUp.runnerUpCents(), "runnerUpCents"),
                                                idempotencyKey);
                                          });
                                })))
        .compose(done -> afterCommit(lotId, done, "lot.offered"));
  }

  private Future<Done> make(
      SqlConnection conn, Caller caller, Lot lot, long runnerUpId, long priceCents, String key) {
    SaleOrders.Sale sale =
        new SaleOrders.Sale(
            "lot",
            lot.id(),
            lot.showId(),
            lot.productId(),
            lot.state().sellerId(),
            lot.state().hostId(),
            runnerUpId,
            priceCents,
            1);
    return orders
        .createOfferOrder(conn, sale, windowSeconds)
        .compose(
            orderId ->
                conn.preparedQuery(INSERT)
                    .execute(
                        Tuple.from(
                            new Object[] {
                              lot.id(),
                              runnerUpId,
                              priceCents,
                              orderId,
                              lot.winnerId(),
                              lot.orderId(),
                              caller.userId(),
                              key
                            }))
                    .compose(v -> conn.preparedQuery(MARK_OFFERED).execute(Tuple.of(lot.id())))
                    .compose(v -> notices.offered(conn, lot, runnerUpId, priceCents, orderId)))
        .map(notice -> new Done(notice, false));
  }

  /**
   * The runner-up says no: their order is cancelled (the unit goes back to stock) and the lot ends
   * unsold.
   */
  Future<JsonObject> decline(Caller caller, long lotId) {
    return db.tx(
            conn ->
                conn.preparedQuery(LotSql.LOCK)
                    .execute(Tuple.of(lotId))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.failedFuture(Lot.notFound(lotId));
                          }
                          Lot lot = Lot.from(rows.iterator().next());
                          return conn.preparedQuery(OFFER)
                              .execute(Tuple.of(lotId))
                              .compose(
                                  found -> {
                                    if (found.size() == 0) {
                                      return Future.failedFuture(
                                          Refused.notFound(
                                              "offer_not_found",
                                              "This lot has no runner-up offer"));
                                    }
                                    Row offer = found.iterator().next();
                                    if (offer.getLong("runner_up_id") != caller.userId()) {
                                      return Future.failedFuture(
                                          Refused.forbidden(
                                              "not_runner_up",
                                              "Only the runner-up may decline this offer"));
                                    }
                                    String status = offer.getString("status");
                                    if ("declined".equals(status)) {
                                      return Future.succeededFuture(new Done(null, true));
                                    }
                                    if (!"offered".equals(status)) {
                                      return Future.failedFuture(
                                          Refused.conflict(
                                              "offer_not_open", "This offer is already " + status));
                                    }
                                    return orders
                                        .cancelUnpaidOrder(
                                            conn, offer.getLong("order_id"), "offer_declined")
                                        .compose(
                                            cancelled ->
                                                cancelled
                                                    ? conn.preparedQuery(LotSql.END_OFFER)
                                                        .execute(Tuple.of(lotId, "declined"))
                                                        .compose(
                                                            v ->
                                                                notices.offerEnded(
                                                                    conn, lot, "declined"))
                                                        .map(n -> new Done(n, false))
                                                    // paid a moment ago: the payment stands and the
                                                    // sweep sells the lot to them
                                                    : Future.failedFuture(
                                                        Refused.conflict(
                                                            "offer_not_open",
                                                            "This offer's order is already paid")));
                                  });
                        }))
        .compose(done -> afterCommit(lotId, done, "lot.offer_declined"))
        .map(IdempotentResult::value);
  }

  private Future<IdempotentResult<JsonObject>> afterCommit(long lotId, Done done, String event) {
    Notification notice = done.notice();
    if (notice != null) {
      PostCommit.run("an offer on lot " + lotId, () -> notices.publish(notice));
    }
    return db.one(LotSql.BY_ID, Tuple.of(lotId))
        .map(
            row -> {
              Lot lot = Lot.from(row);
              Instant now = Lot.instant(row, "now");
              if (!done.replayed()) {
                Long runnerUp =
                    lot.afterSale().offer() == null
                        ? null
                        : lot.afterSale().offer().getLong("runnerUpId");
                PostCommit.announce(
                    "an offer on lot " + lotId,
                    () ->
                        events.afterSale(
                            lot, event, "lot.offered".equals(event) ? runnerUp : null, now));
              }
              return new IdempotentResult<>(lot.toJson(now), done.replayed());
            });
  }

  /**
   * The lot's seller, the show's host or co-host, or an admin; 404 lot_not_found, 403
   * not_show_host.
   */
  private Future<Void> sellerOrHost(Caller caller, long lotId) {
    return db.one("SELECT show_id, seller_id FROM lots WHERE id = $1", Tuple.of(lotId))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(Lot.notFound(lotId));
              }
              if (row.getLong("seller_id") == caller.userId()) {
                return Future.succeededFuture();
              }
              return shows
                  .requireHost(row.getLong("show_id"), caller.userId(), caller.hasRole("admin"))
                  .mapEmpty();
            });
  }
}
