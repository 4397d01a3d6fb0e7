package io.showfloor.market.trading;

import io.showfloor.notify.MailOutbox;
import io.showfloor.notify.MailTemplates;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Money;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private static final String PREFERENCES =
      "SELECT user_id, in_app, mail FROM market_fill_notice_preferences WHERE user_id = ANY($1)";
  private static final String ONE =
      "SELECT in_app, mail FROM market_fill_notice_preferences WHERE user_id = $1";
  private static final String SAVE =
      """
      INSERT INTO market_fill_notice_preferences (user_id, in_app, mail) VALUES ($1, $2, $3)
      ON CONFLICT (user_id) DO UPDATE SET in_app = $2, mail = $3, updated_at = now()""";

  /** What a trader chose; the defaults when they never did. */
  public record Preferences(boolean inApp, boolean mail) {
    static final Preferences DEFAULTS = new Preferences(true, false);

    public JsonObject toJson() {
      return new JsonObject().put("inApp", inApp).put("mail", mail);
    }
  }

  private final Database db;
  private final Notifications notifications;
  private final MailOutbox outbox;

  public FillNotices(Database db, Notifications notifications, MailOutbox outbox) {
    this.db = db;
    this.notifications = notifications;
    this.outbox = outbox;
  }

  public Future<Preferences> preferences(long userId) {
    return db.query(ONE, Tuple.of(userId))
        .map(
            rows ->
                rows.size() == 0
                    ? Preferences.DEFAULTS
                    : new Preferences(
                        rows.iterator().next().getBoolean("in_app"),
                        rows.iterator().next().getBoolean("mail")));
  }

  public Future<Preferences> save(long userId, Preferences preferences) {
    return db.query(SAVE, Tuple.of(userId, preferences.inApp(), preferences.mail()))
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
              recorded.notices().forEach(notifications::publish);
            })
        .onFailure(e -> LOG.warn("Fill notices of {} trades not recorded: {}", trades.size(), e));
  }

  private Future<Recorded> record(SqlConnection conn, List<Fill> fills, Set<Long> users) {
    return conn.preparedQuery(PREFERENCES)
        .execute(Tuple.of(users.toArray(new Long[0])))
        .compose(
            rows -> {
              Map<Long, Preferences> chosen = new HashMap<>();
              for (Row row : rows) {
                chosen.put(
                    row.getLong("user_id"),
                    new Preferences(row.getBoolean("in_app"), row.getBoolean("mail")));
              }
              List<Notification> notices = new ArrayList<>();
              boolean[] mailed = {false};
              Future<Void> chain = Future.succeededFuture();
              for (Fill fill : fills) {
                Preferences preferences = chosen.getOrDefault(fill.userId(), Preferences.DEFAULTS);
                if (preferences.inApp()) {
                  chain =
                      chain.compose(
                          v ->
                              notifications
                                  .record(conn, fill.userId(), "market_fill", fill.payload())
                                  .map(
                                      n -> {
                                        notices.add(n);
                                        return null;
                                      }));
                }
                if (preferences.mail()) {
                  mailed[0] = true;
                  chain =
                      chain.compose(
                          v ->
                              outbox.enqueueToUser(
                                  conn,
                                  fill.userId(),
                                  MailTemplates.shared().notice("Your order filled", fill.text()),
                                  "market-fill:" + fill.trade().id + ":" + fill.side()));
                }
              }
              return chain.map(v -> new Recorded(notices, mailed[0]));
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
