package io.showfloor.auction;

import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-app notifications and mails a bidder gets: outbid, and won. */
final class AuctionNotices {
  private static final Logger LOG = LoggerFactory.getLogger(AuctionNotices.class);
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
   * After a bid took the lead from someone: an in-app notice every time, and one mail per lot so a
   * busy auction does not flood their inbox. Runs after the bid's commit, off its lock.
   */
  void outbid(Lot lot, long outbidUserId) {
    JsonObject payload = new JsonObject().put("lotId", lot.id()).put("showId", lot.showId())
        .put("currentPriceCents", lot.state().currentPriceCents());
    String link = publicUrl + "/shows/" + lot.showId();
    db.tx(conn -> notifications.record(conn, outbidUserId, "outbid", payload)
            .compose(n -> mail(conn, outbidUserId, "You have been outbid",
                    "Someone bid " + money(lot.state().currentPriceCents()) + " on a lot you were winning. Bid again: " + link,
                    "outbid:" + lot.id() + ":" + outbidUserId)
                .map(n)))
        .compose(this::publish)
        .onFailure(e -> LOG.warn("Outbid notice for lot {} not recorded: {}", lot.id(), e.toString()));
  }

  /** Inside the closing transaction: the winner's notice and mail commit with the sale. */
  Future<Notification> won(SqlConnection conn, Lot lot, long winnerId, long priceCents, Long orderId) {
    JsonObject payload = new JsonObject().put("lotId", lot.id()).put("showId", lot.showId())
        .put("priceCents", priceCents).put("orderId", orderId);
    return notifications.record(conn, winnerId, "won", payload)
        .compose(n -> mail(conn, winnerId, "You won a lot",
            "You won lot " + lot.id() + " for " + money(priceCents) + ". Your order: " + publicUrl + "/orders/" + orderId,
            "won:" + lot.id()).map(n));
  }

  Future<Void> publish(Notification notification) {
    outbox.nudge();
    return notifications.publish(notification);
  }

  private Future<Void> mail(SqlConnection conn, long userId, String subject, String text, String dedupeKey) {
    return conn.preparedQuery("SELECT email FROM users WHERE id = $1").execute(Tuple.of(userId))
        .compose(rows -> outbox.enqueue(conn, rows.iterator().next().getString("email"), subject, text, null, dedupeKey));
  }

  static String money(long cents) {
    return String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
  }
}
