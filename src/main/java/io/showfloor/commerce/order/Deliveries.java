package io.showfloor.commerce.order;

import io.showfloor.commerce.Notices;
import io.showfloor.notify.Notification;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery confirmation, the moment the seller's payout hold starts. The seller cannot confirm
 * (marking their own order delivered used to release its money at once): the buyer does, or the
 * sweep does {@code commerce.autoDeliverDays} after shipping. Both go through one conditional
 * UPDATE (still undelivered), so an order is delivered, and its seller told, exactly once,
 * whichever node's sweep or buyer's click comes first. Tracking updates are not a source: there is
 * no carrier integration, and a tracking event typed in by the seller would prove nothing.
 */
public final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
  public static final int SWEEP_BATCH = 200;
  // the predicate of index orders_awaiting_delivery, word for word
  private static final String AWAITING =
      "delivered_at IS NULL AND shipped_at IS NOT NULL AND status IN ('shipped', 'partially_refunded')";
  private static final String DELIVER =
      """
      delivered_at = now(), delivery_confirmed_by = $2, updated_at = now(),
      status = CASE WHEN status = 'shipped' THEN 'delivered' ELSE status END""";
  private static final String CONFIRM_ONE =
      "UPDATE orders SET "
          + DELIVER
          + " WHERE id = $1 AND "
          + AWAITING
          + " RETURNING id, seller_id, status, delivered_at, dispute_status";
  // rows another transaction holds (a buyer confirming right now) are skipped, and come back next
  // pass if still due
  private static final String CONFIRM_OVERDUE =
      "WITH due AS (SELECT id FROM orders WHERE "
          + AWAITING
          + " AND shipped_at <= now() - make_interval(days => $1) ORDER BY shipped_at LIMIT $3 FOR UPDATE SKIP LOCKED) "
          + "UPDATE orders SET "
          + DELIVER
          + " FROM due WHERE orders.id = due.id AND "
          + AWAITING
          + " RETURNING orders.id, orders.seller_id, orders.status, orders.delivered_at, orders.dispute_status";

  private final Database db;
  private final EventPublisher events;
  private final Notices notices;
  private final DeliveryTerms terms;

  public Deliveries(Database db, EventPublisher events, Notices notices, DeliveryTerms terms) {
    this.db = db;
    this.events = events;
    this.notices = notices;
    this.terms = terms;
  }

  public DeliveryTerms terms() {
    return terms;
  }

  /**
   * The buyer says the order arrived. Only the buyer: the seller and admins are refused, strangers
   * see no order.
   */
  public Future<BuyerConfirmation> confirmByBuyer(Caller caller, long orderId) {
    List<Notification> stored = new ArrayList<>();
    List<Delivered> delivered = new ArrayList<>();
    return db.<BuyerConfirmation>tx(
            conn ->
                OrderReads.get(conn, orderId, true)
                    .compose(
                        order -> {
                          BuyerConfirmation.Refused refused = refusal(caller, order);
                          if (refused != null) {
                            return Future.succeededFuture(refused);
                          }
                          return conn.preparedQuery(CONFIRM_ONE)
                              .execute(Tuple.of(orderId, "buyer"))
                              .compose(
                                  rows -> {
                                    rows.forEach(row -> delivered.add(Delivered.of(row)));
                                    return tellSellers(conn, rows, "buyer");
                                  })
                              .compose(
                                  notices -> {
                                    stored.addAll(notices);
                                    return OrderReads.get(conn, orderId, false);
                                  })
                              .map(BuyerConfirmation.Confirmed::new);
                        }))
        .onSuccess(
            result -> {
              if (result instanceof BuyerConfirmation.Confirmed) {
                announce(stored, delivered);
              }
            });
  }

  private static BuyerConfirmation.@Nullable Refused refusal(Caller caller, @Nullable Order order) {
    if (order == null
        || !(order.buyerId() == caller.userId()
            || order.sellerId() == caller.userId()
            || caller.hasRole("admin"))) {
      return new BuyerConfirmation.Refused(BuyerConfirmation.Reason.NOT_FOUND, null);
    }
    if (order.buyerId() != caller.userId()) {
      return new BuyerConfirmation.Refused(BuyerConfirmation.Reason.NOT_THE_BUYER, order.status());
    }
    if (order.deliveredAt() != null) {
      return new BuyerConfirmation.Refused(
          BuyerConfirmation.Reason.ALREADY_DELIVERED, order.status());
    }
    if (order.shippedAt() == null || !DeliveryTerms.AWAITING_DELIVERY.contains(order.status())) {
      return new BuyerConfirmation.Refused(BuyerConfirmation.Reason.NOT_SHIPPED, order.status());
    }
    return null;
  }

  /**
   * One pass of the auto-delivery sweep, run by every node: confirms up to a batch of orders
   * shipped at least {@code commerce.autoDeliverDays} ago (by the database clock) that nobody
   * confirmed. Answers how many it confirmed; a full batch means more may be waiting.
   */
  public Future<Integer> confirmOverdue() {
    List<Notification> stored = new ArrayList<>();
    List<Delivered> confirmed = new ArrayList<>();
    return db.tx(
            conn ->
                conn.preparedQuery(CONFIRM_OVERDUE)
                    .execute(Tuple.of(terms.autoDeliverDays(), "automatic", SWEEP_BATCH))
                    .compose(
                        rows -> {
                          rows.forEach(row -> confirmed.add(Delivered.of(row)));
                          return tellSellers(conn, rows, "automatic");
                        })
                    .map(stored::addAll))
        .map(
            done -> {
              if (!confirmed.isEmpty()) {
                LOG.info(
                    "Confirmed delivery of {} orders shipped {} or more days ago",
                    confirmed.size(),
                    terms.autoDeliverDays());
                announce(stored, confirmed);
              }
              return confirmed.size();
            });
  }

  /**
   * The seller of each order just delivered learns it, and when the money is theirs to withdraw.
   */
  private Future<List<Notification>> tellSellers(
      SqlConnection conn, RowSet<Row> delivered, String confirmedBy) {
    List<Notices.Draft> drafts = new ArrayList<>();
    for (Row row : delivered) {
      OffsetDateTime at = row.getOffsetDateTime("delivered_at");
      boolean disputed = DeliveryTerms.disputed(row.getString("dispute_status"));
      drafts.add(
          new Notices.Draft(
              row.getLong("seller_id"),
              "order_delivered",
              new JsonObject()
                  .put("orderId", row.getLong("id"))
                  .put("confirmedBy", confirmedBy)
                  .put("deliveredAt", at.toInstant().toString())
                  .put(
                      "payableAt",
                      disputed
                          ? null
                          : at.plusDays(terms.payoutHoldDays()).toInstant().toString())));
    }
    return drafts.isEmpty() ? Future.succeededFuture(List.of()) : notices.addAll(conn, drafts);
  }

  private void announce(List<Notification> stored, List<Delivered> delivered) {
    stored.forEach(notices::push);
    delivered.forEach(
        d ->
            events.publish(
                "order:" + d.orderId(),
                "order.delivered",
                new JsonObject().put("orderId", d.orderId()).put("status", d.status())));
  }

  /**
   * An order this transaction delivered, and its status now (a partially refunded order stays so).
   */
  private record Delivered(long orderId, String status) {
    static Delivered of(Row row) {
      return new Delivered(row.getLong("id"), row.getString("status"));
    }
  }
}
