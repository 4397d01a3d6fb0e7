package io.showfloor.market.trading;

import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationPreferences;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Money;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells traders about their fills: a {@code market_fill} notification and, when they asked for it,
 * a mail, per each side of each trade. Runs after the batch committed, in its own transaction and
 * off the book's path: a notice that cannot be recorded is logged, the trade stands.
 */
public final class FillNotices {
  private static final Logger LOG = LoggerFactory.getLogger(FillNotices.class);
  // the trader's switches live with notify's preferences, under the notification's kind
  private static final String KIND = "market_fill";

  /** What a trader chose; the defaults when they never did. */
  public record Preferences(boolean inApp, boolean mail) {
    // in-app on, mail off: a bot trading all day would otherwise fill its owner's inbox
    static final NotificationPreferences.Channels DEFAULTS =
        new NotificationPreferences.Channels(true, false);

    static Preferences of(NotificationPreferences.Channels channels) {
      return new Preferences(channels.inApp(), channels.mail());
    }

    public JsonObject toJson() {
      return new JsonObject().put("inApp", inApp).put("mail", mail);
    }
  }

  private final Database db;
  private final Notifications notifications;
  private final MailOutbox outbox;
  private final NotificationPreferences switches;

  public FillNotices(
      Database db,
      Notifications notifications,
      MailOutbox outbox,
      NotificationPreferences switches) {
    this.db = db;
    this.notifications = notifications;
    this.outbox = outbox;
    this.switches = switches;
  }

  public Future<Preferences> preferences(long userId) {
    return switches.channels(userId, KIND, Preferences.DEFAULTS).map(Preferences::of);
  }

  public Future<Preferences> save(long userId, Preferences preferences) {
    return switches
        .setChannels(
            userId,
            KIND,
            new NotificationPreferences.Channels(preferences.inApp(), preferences.mail()))
        .map(preferences);
  }

  /** The fills of one committed batch. */
  void filled(List<TradeRow> trades) {
    if (trades.isEmpty()) {
      return;
    }
    List<Fill> fills = new ArrayList<>();
    for (TradeRow trade : trades) {
      fills.add(new Fill(trade, trade.buyerId, trade.buyOrderId, "buy"));
      fills.add(new Fill(trade, trade.sellerId, trade.sellOrderId, "sell"));
    }
    Set<Long> users = new LinkedHashSet<>();
    fills.forEach(fill -> users.add(fill.userId()));
    db.tx(conn -> record(conn, fills, users))
        .onSuccess(
            recorded -> {
              if (recorded.mailed()) {
                outbox.nudge();
              }
              notifications.publishAll(recorded.notices());
            })
        .onFailure(e -> LOG.warn("Fill notices of {} trades not recorded: {}", trades.size(), e));
  }

  private Future<Recorded> record(SqlConnection conn, List<Fill> fills, Set<Long> users) {
    return switches
        .channels(conn, users, KIND, Preferences.DEFAULTS)
        .compose(
            chosen -> {
              List<Notifications.Draft> inApp = new ArrayList<>();
              List<Fill> mailed = new ArrayList<>();
              for (Fill fill : fills) {
                NotificationPreferences.Channels preferences =
                    chosen.getOrDefault(fill.userId(), Preferences.DEFAULTS);
                if (preferences.inApp()) {
                  inApp.add(new Notifications.Draft(fill.userId(), KIND, fill.payload()));
                }
                if (preferences.mail()) {
                  mailed.add(fill);
                }
              }
              List<MailOutbox.ToUser> mails = new ArrayList<>(mailed.size());
              for (Fill fill : mailed) {
                mails.add(
                    new MailOutbox.ToUser(
                        fill.userId(),
                        MailTemplates.shared().notice("Your order filled", fill.text()),
                        "market-fill:" + fill.trade().id + ":" + fill.side()));
              }
              // every in-app notice in one statement, every mail in another, both at once
              Future<List<Notification>> notices = notifications.recordAll(conn, inApp);
              Future<Void> mailsQueued =
                  outbox.enqueueAllToUsers(conn, NotificationTopics.MARKET, mails);
              return Future.join(notices, mailsQueued)
                  .map(both -> new Recorded(notices.result(), !mails.isEmpty()));
            });
  }

  private record Recorded(List<Notification> notices, boolean mailed) {}

  /** One side of one trade. */
  private record Fill(TradeRow trade, long userId, long orderId, String side) {
    JsonObject payload() {
      return new JsonObject()
          .put("symbol", trade.symbol)
          .put("orderId", orderId)
          .put("tradeId", trade.id)
          .put("side", side)
          .put("priceCents", trade.priceCents)
          .put("quantity", trade.quantity);
    }

    String text() {
      return ("buy".equals(side) ? "You bought " : "You sold ")
          + trade.quantity
          + " "
          + trade.symbol
          + " at "
          + Money.dollars(trade.priceCents)
          + " (order "
          + orderId
          + ").";
    }
  }
}
