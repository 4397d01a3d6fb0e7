package io.showfloor.auction;

import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Money;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The in-app notifications and mails a bidder gets: outbid, and won. */
final class AuctionNotices {
  private final Database db;
  private final Notifications notifications;
  private final MailOutbox outbox;
  private final String publicUrl;

  AuctionNotices(Database db, Notifications notifications, MailOutbox outbox, String publicUrl) {
    this.db = db;
    this.notifications = notifications;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  /**
   * Inside the bids' transaction, for every bid of the batch that took the lead from someone: an
   * in-app notice every time, and one mail per lot and bidder so a busy auction does not flood
   * their inbox. Two statements for the whole batch, pipelined with the bids' write (no round trip
   * and no commit of their own); the notices come back in the order given; {@link #publish} them
   * after the commit.
   */
  Future<List<Notification>> outbid(SqlConnection conn, List<Outbid> outbids) {
    List<Notifications.Draft> notices = new ArrayList<>(outbids.size());
    List<MailOutbox.ToUser> mails = new ArrayList<>(outbids.size());
    for (Outbid outbid : outbids) {
      Lot lot = outbid.lot();
      JsonObject payload =
          new JsonObject()
              .put("lotId", lot.id())
              .put("showId", lot.showId())
              .put("currentPriceCents", lot.state().currentPriceCents());
      notices.add(new Notifications.Draft(outbid.userId(), "outbid", payload));
      mails.add(
          new MailOutbox.ToUser(
              outbid.userId(),
              MailTemplates.shared()
                  .notice(
                      "You have been outbid",
                      "Someone bid "
                          + Money.dollars(lot.state().currentPriceCents())
                          + " on a lot you were winning. Bid again: "
                          + publicUrl
                          + "/shows/"
                          + lot.showId()),
              "outbid:" + lot.id() + ":" + outbid.userId()));
    }
    // both statements go out at once; the caller's transaction waits for both before it ends
    Future<List<Notification>> recorded = notifications.recordAll(conn, notices);
    Future<Void> mailed = outbox.enqueueAllToUsers(conn, NotificationTopics.AUCTIONS, mails);
    return Future.join(recorded, mailed).map(both -> recorded.result());
  }

  /** A bidder who lost the lead of {@code lot} (in the state that outbid them). */
  record Outbid(Lot lot, long userId) {}

  /** Inside the closing transaction: the winner's notice and mail commit with the sale. */
  Future<Notification> won(
      SqlConnection conn, Lot lot, long winnerId, long priceCents, Long orderId) {
    JsonObject payload = sale(lot, priceCents, orderId);
    return notifications
        .record(conn, winnerId, "won", payload)
        .compose(
            n ->
                mail(
                        conn,
                        winnerId,
                        "You won a lot",
                        "You won lot "
                            + lot.id()
                            + " for "
                            + Money.dollars(priceCents)
                            + ". Your order: "
                            + publicUrl
                            + "/orders/"
                            + orderId,
                        "won:" + lot.id())
                    .map(n));
  }

  /**
   * Inside the transaction that records an unpaid lot: the defaulted winner learns their order was
   * cancelled and why; the seller learns they may offer the lot to the runner-up.
   */
  Future<java.util.List<Notification>> unpaid(
      SqlConnection conn,
      Lot lot,
      long winnerId,
      Long orderId,
      String reason,
      boolean runnerUpAvailable) {
    JsonObject payload =
        new JsonObject()
            .put("lotId", lot.id())
            .put("showId", lot.showId())
            .put("orderId", orderId)
            .put("reason", reason);
    String why =
        "cancelled_by_seller".equals(reason)
            ? "the seller cancelled it (their reason is on your order)"
            : "its payment window closed before it was paid";
    return notifications
        .record(conn, winnerId, "lot_unpaid", payload)
        .compose(
            toWinner ->
                mail(
                        conn,
                        winnerId,
                        "Your won lot was cancelled",
                        "Your order for lot "
                            + lot.id()
                            + " was cancelled because "
                            + why
                            + ". Nothing was charged.",
                        "lot-unpaid:" + lot.id())
                    .compose(
                        v ->
                            notifications.record(
                                conn,
                                lot.state().sellerId(),
                                "lot_unpaid_seller",
                                payload.copy().put("runnerUpOfferPossible", runnerUpAvailable)))
                    .map(toSeller -> java.util.List.of(toWinner, toSeller)));
  }

  /** Inside the offer's transaction: the runner-up's notice and mail. */
  Future<Notification> offered(
      SqlConnection conn, Lot lot, long runnerUpId, long priceCents, long orderId) {
    JsonObject payload = sale(lot, priceCents, orderId);
    return notifications
        .record(conn, runnerUpId, "runner_up_offer", payload)
        .compose(
            n ->
                mail(
                        conn,
                        runnerUpId,
                        "A lot you bid on is offered to you",
                        "The winner of lot "
                            + lot.id()
                            + " did not pay. It is yours for "
                            + Money.dollars(priceCents)
                            + ", your highest bid, if you pay order "
                            + orderId
                            + ": "
                            + publicUrl
                            + "/orders/"
                            + orderId
                            + " . Not interested? Decline it on the lot's page.",
                        "runner-up-offer:" + lot.id())
                    .map(n));
  }

  /**
   * Inside the decline's or expiry's transaction: the seller learns the offer ended without a sale.
   */
  Future<Notification> offerEnded(SqlConnection conn, Lot lot, String how) {
    return notifications.record(
        conn,
        lot.state().sellerId(),
        "runner_up_offer_" + how,
        new JsonObject().put("lotId", lot.id()).put("showId", lot.showId()));
  }

  Future<Void> publish(Notification notification) {
    outbox.nudge();
    return notifications.publish(notification);
  }

  private Future<Void> mail(
      SqlConnection conn, long userId, String subject, String text, String dedupeKey) {
    // every mail auctions send (outbid, won, lot cancelled, runner-up offer) is of the auctions
    // topic
    return outbox.enqueueToUser(
        conn,
        userId,
        NotificationTopics.AUCTIONS,
        MailTemplates.shared().notice(subject, text),
        dedupeKey);
  }

  /** What the winner's and the runner-up's notices say about the sale. */
  private static JsonObject sale(Lot lot, long priceCents, @Nullable Long orderId) {
    return new JsonObject()
        .put("lotId", lot.id())
        .put("showId", lot.showId())
        .put("priceCents", priceCents)
        .put("orderId", orderId);
  }
}
