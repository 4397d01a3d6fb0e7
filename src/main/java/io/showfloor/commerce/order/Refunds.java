package io.showfloor.commerce.order;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.Receipts;
import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.RefundRequest;
import io.showfloor.commerce.payment.RefundResult;
import io.showfloor.ledger.Ledger;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Full and partial refunds of paid orders, by the seller or an admin, through the payment provider.
 * The amount is reserved on the order before the provider is called (so two refunds can never
 * exceed what was paid), and the ledger reversal is posted when the provider confirms — by our
 * call's answer or by the {@code charge.refunded} webhook, whichever comes first.
 */
public final class Refunds {
  private static final List<String> REFUNDABLE =
      List.of("paid", "shipped", "delivered", "partially_refunded");
  private final Database db;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final Notices notices;
  private final List<RefundListener> listeners = new ArrayList<>();

  /**
   * Told, inside the refund's transaction, that an order was refunded (loyalty reverses points).
   */
  public interface RefundListener {
    Future<Void> refunded(SqlConnection conn, Order order, long refundId, RefundReversal reversal);
  }

  public Refunds(Database db, Ledger ledger, PaymentProvider payments, Notices notices) {
    this.db = db;
    this.ledger = ledger;
    this.payments = payments;
    this.notices = notices;
  }

  public void onRefund(RefundListener listener) {
    listeners.add(listener);
  }

  private record Reserved(
      long refundId,
      long amountCents,
      String paymentId,
      boolean replayed,
      String status,
      long walletCents) {
    /**
     * What the provider gives back to the card: the amount less the part returned to the wallet.
     */
    long cardCents() {
      return amountCents - walletCents;
    }
  }

  // the checkout's wallet part not yet refunded goes back first; the card gets the rest
  private static final String WALLET_PART =
      """
      WITH k AS (
        SELECT c.id, LEAST($2::bigint, c.wallet_cents - c.wallet_refunded_cents) AS part
        FROM checkouts c JOIN orders o ON o.checkout_id = c.id WHERE o.id = $1 FOR UPDATE OF c),
      u AS (
        UPDATE checkouts SET wallet_refunded_cents = wallet_refunded_cents + k.part FROM k
        WHERE checkouts.id = k.id AND k.part > 0 RETURNING k.part)
      UPDATE refunds SET wallet_cents = (SELECT part FROM u) WHERE id = $3 AND EXISTS (SELECT 1 FROM u)
      RETURNING wallet_cents""";

  /**
   * Refunds {@code amountCents} (null: all that is left) of an order; answers the refund and the
   * order.
   */
  public Future<IdempotentResult<JsonObject>> refund(
      Caller caller, long orderId, Long amountCents, String reason, String idempotencyKey) {
    return refund(
        caller.userId(), caller.hasRole("admin"), orderId, amountCents, reason, idempotencyKey);
  }

  /**
   * A refund decided by a rule outside this class (a seller accepting a return request, a
   * moderator's ruling on an escalated one): {@code actorId} is recorded as who asked, and may
   * refund any order.
   */
  public Future<JsonObject> refundOnDecision(
      long actorId,
      long orderId,
      @Nullable Long amountCents,
      String reason,
      String idempotencyKey) {
    return refund(actorId, true, orderId, amountCents, reason, idempotencyKey)
        .map(IdempotentResult::value);
  }

  private Future<IdempotentResult<JsonObject>> refund(
      long actorId,
      boolean anyOrder,
      long orderId,
      @Nullable Long amountCents,
      String reason,
      @Nullable String idempotencyKey) {
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    return db.tx(conn -> reserve(conn, actorId, anyOrder, orderId, amountCents, reason, key))
        .compose(
            reserved -> {
              if (reserved.replayed()) {
                return Future.succeededFuture(reserved);
              }
              // all of it back to the wallet: no card refund to ask for
              Future<RefundResult> asked =
                  reserved.cardCents() == 0
                      ? Future.succeededFuture(new RefundResult(null, 0, true, null))
                      : payments.refund(
                          new RefundRequest(
                              reserved.paymentId(),
                              reserved.cardCents(),
                              "refund-" + reserved.refundId(),
                              reason));
              return asked
                  .recover(
                      e ->
                          Future.succeededFuture(
                              new RefundResult(
                                  null, reserved.amountCents(), false, "provider unavailable")))
                  .compose(
                      result ->
                          result.succeeded()
                              ? complete(reserved.refundId(), result.refundId()).map(reserved)
                              : db.tx(
                                      conn ->
                                          release(
                                              conn, reserved.refundId(), result.failureReason()))
                                  .compose(
                                      v ->
                                          Future.failedFuture(
                                              result.failureReason() != null
                                                      && result
                                                          .failureReason()
                                                          .equals("provider unavailable")
                                                  ? PaymentDeclined.unavailable(null)
                                                  : Refused.unprocessable(
                                                      "refund_failed",
                                                      "The payment provider refused the refund: "
                                                          + result.failureReason()))));
            })
        .compose(
            reserved ->
                db.one("SELECT * FROM refunds WHERE id = $1", Tuple.of(reserved.refundId()))
                    .compose(
                        row ->
                            OrderReads.get(db.pool(), orderId, false)
                                .map(
                                    order ->
                                        new IdempotentResult<>(
                                            new JsonObject()
                                                .put("refund", refundJson(row))
                                                .put("order", order.toJson(true)),
                                            reserved.replayed()))));
  }

  private Future<Reserved> reserve(
      SqlConnection conn,
      long actorId,
      boolean anyOrder,
      long orderId,
      @Nullable Long amountCents,
      String reason,
      String key) {
    return conn.preparedQuery(
            """
            SELECT o.id, o.seller_id, o.buyer_id, o.status, o.total_cents, o.refunded_cents, o.dispute_status, c.provider_payment_id
            FROM orders o LEFT JOIN checkouts c ON c.id = o.checkout_id WHERE o.id = $1 FOR UPDATE OF o""")
        .execute(Tuple.of(orderId))
        .compose(
            rows -> {
              Row order = rows.iterator().hasNext() ? rows.iterator().next() : null;
              if (order != null
                  && order.getLong("buyer_id") == actorId
                  && order.getLong("seller_id") != actorId
                  && !anyOrder) {
                // the buyer's way to their money back is a return request, which the seller (or a
                // moderator) decides
                return Future.failedFuture(
                    Refused.forbidden(
                        "use_return_request",
                        "Buyers ask for a refund with POST /api/orders/"
                            + orderId
                            + "/return-requests; the seller refunds or declines, and a declined request can be escalated"));
              }
              if (order == null || !(order.getLong("seller_id") == actorId || anyOrder)) {
                return Future.failedFuture(
                    Refused.notFound("order_not_found", "No order " + orderId + " of yours"));
              }
              return conn.preparedQuery(
                      "SELECT id, amount_cents, status FROM refunds WHERE order_id = $1 AND idempotency_key = $2")
                  .execute(Tuple.of(orderId, key))
                  .compose(
                      existing -> {
                        if (existing.iterator().hasNext()) {
                          Row r = existing.iterator().next();
                          if (amountCents != null
                              && amountCents.longValue() != r.getLong("amount_cents")) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "idempotency_key_reused",
                                    "This Idempotency-Key was used for another refund"));
                          }
                          return Future.succeededFuture(
                              new Reserved(
                                  r.getLong("id"),
                                  r.getLong("amount_cents"),
                                  order.getString("provider_payment_id"),
                                  true,
                                  r.getString("status"),
                                  0));
                        }
                        if ("refunded".equals(order.getString("status"))) {
                          return Future.failedFuture(
                              Refused.conflict(
                                  "already_refunded",
                                  "Everything paid for this order is already refunded"));
                        }
                        // the bank decides a disputed payment: a refund now would pay the buyer
                        // twice if the dispute is lost (Stripe refuses it too, charge_disputed)
                        if (DeliveryTerms.disputed(order.getString("dispute_status"))) {
                          return Future.failedFuture(
                              Refused.conflict(
                                  "order_disputed",
                                  "The payment for order "
                                      + orderId
                                      + " is disputed with the buyer's bank; its money is frozen until the dispute closes"));
                        }
                        if (!REFUNDABLE.contains(order.getString("status"))) {
                          return Future.failedFuture(
                              Refused.conflict(
                                  "order_state",
                                  "An order that is "
                                      + order.getString("status")
                                      + " cannot be refunded"));
                        }
                        long left = order.getLong("total_cents") - order.getLong("refunded_cents");
                        long amount = amountCents == null ? left : amountCents;
                        if (left <= 0) {
                          return Future.failedFuture(
                              Refused.conflict(
                                  "already_refunded",
                                  "Everything paid for this order is already refunded"));
                        }
                        if (amount > left) {
                          return Future.failedFuture(
                              Refused.unprocessable(
                                  "refund_too_large",
                                  "At most "
                                      + left
                                      + " cents can still be refunded on this order"));
                        }
                        return conn.preparedQuery(
                                """
                        INSERT INTO refunds (order_id, amount_cents, requested_by, reason, idempotency_key)
                        VALUES ($1, $2, $3, $4, $5) RETURNING id""")
                            .execute(Tuple.of(orderId, amount, actorId, reason, key))
                            .compose(
                                inserted ->
                                    conn.preparedQuery(
                                            "UPDATE orders SET refunded_cents = refunded_cents + $2, updated_at = now() WHERE id = $1")
                                        .execute(Tuple.of(orderId, amount))
                                        .compose(
                                            v ->
                                                conn.preparedQuery(WALLET_PART)
                                                    .execute(
                                                        Tuple.of(
                                                            orderId,
                                                            amount,
                                                            inserted
                                                                .iterator()
                                                                .next()
                                                                .getLong("id"))))
                                        .map(
                                            wallet ->
                                                new Reserved(
                                                    inserted.iterator().next().getLong("id"),
                                                    amount,
                                                    order.getString("provider_payment_id"),
                                                    false,
                                                    "pending",
                                                    wallet.iterator().hasNext()
                                                        ? wallet
                                                            .iterator()
                                                            .next()
                                                            .getLong("wallet_cents")
                                                        : 0L)));
                      });
            });
  }

  /** The provider refused: the refund failed and its amount is free again. */
  private Future<Void> release(SqlConnection conn, long refundId, @Nullable String why) {
    return conn.preparedQuery(
            """
            UPDATE refunds SET status = 'failed', failure_reason = $2, completed_at = now() WHERE id = $1 AND status = 'pending'
            RETURNING order_id, amount_cents, wallet_cents""")
        .execute(Tuple.of(refundId, why))
        .compose(
            rows ->
                !rows.iterator().hasNext()
                    ? Future.succeededFuture()
                    : conn.preparedQuery(
                            """
                            WITH o AS (UPDATE orders SET refunded_cents = refunded_cents - $2 WHERE id = $1 RETURNING checkout_id)
                            UPDATE checkouts SET wallet_refunded_cents = wallet_refunded_cents - $3
                            WHERE id = (SELECT checkout_id FROM o) AND $3 > 0""")
                        .execute(
                            Tuple.of(
                                rows.iterator().next().getLong("order_id"),
                                rows.iterator().next().getLong("amount_cents"),
                                rows.iterator().next().getLong("wallet_cents")))
                        .mapEmpty());
  }

  private Future<Void> complete(long refundId, @Nullable String providerRefundId) {
    List<Notification> stored = new ArrayList<>();
    return db.tx(conn -> complete(conn, refundId, providerRefundId, stored))
        .onSuccess(
            v -> {
              stored.forEach(notices::push);
              notices.sendMail();
            });
  }

  /**
   * Confirms a pending refund once: posts the ledger reversal, updates the order's status and, for
   * a full refund of an order that never shipped, puts the units back in stock.
   */
  public Future<Void> complete(
      SqlConnection conn,
      long refundId,
      @Nullable String providerRefundId,
      List<Notification> stored) {
    return conn.preparedQuery(
            """
            UPDATE refunds SET status = 'succeeded', provider_refund_id = COALESCE($2, provider_refund_id), completed_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING order_id, amount_cents, wallet_cents""")
        .execute(Tuple.of(refundId, providerRefundId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture();
              }
              long orderId = rows.iterator().next().getLong("order_id");
              long amount = rows.iterator().next().getLong("amount_cents");
              long toWallet = rows.iterator().next().getLong("wallet_cents");
              return OrderReads.get(conn, orderId, true)
                  .compose(
                      order -> {
                        RefundReversal reversal =
                            RefundReversal.of(OrderLedger.split(order), amount);
                        long postedAfter = order.refundPostedCents() + amount;
                        boolean full = postedAfter == order.totalCents();
                        return conn.preparedQuery("SELECT provider FROM checkouts WHERE id = $1")
                            .execute(Tuple.of(order.checkoutId()))
                            .compose(
                                checkout ->
                                    ledger
                                        .post(
                                            conn,
                                            OrderLedger.refund(
                                                order,
                                                refundId,
                                                reversal,
                                                checkout.iterator().next().getString("provider")))
                                        .compose(
                                            posted ->
                                                toWallet == 0
                                                    ? Future.succeededFuture(posted)
                                                    : ledger.post(
                                                        conn,
                                                        OrderLedger.refundToWallet(
                                                            order,
                                                            refundId,
                                                            toWallet,
                                                            checkout
                                                                .iterator()
                                                                .next()
                                                                .getString("provider")))))
                            .compose(
                                p ->
                                    conn.preparedQuery(
                                            """
                        UPDATE orders SET refund_posted_cents = $2, status = $3, updated_at = now() WHERE id = $1""")
                                        .execute(
                                            Tuple.of(
                                                orderId,
                                                postedAfter,
                                                full ? "refunded" : "partially_refunded")))
                            .compose(
                                v ->
                                    full && order.shippedAt() == null
                                        ? Stock.giveBack(conn, List.of(orderId))
                                        : Future.succeededFuture())
                            .compose(
                                v -> {
                                  Future<Void> told = Future.succeededFuture();
                                  for (RefundListener listener : listeners) {
                                    told =
                                        told.compose(
                                            x ->
                                                listener.refunded(conn, order, refundId, reversal));
                                  }
                                  return told;
                                })
                            .compose(
                                v ->
                                    notices.mail(
                                        conn,
                                        order.buyerId(),
                                        NotificationTopics.ORDERS,
                                        "Refund for your order #" + orderId,
                                        Receipts.refunded(order, amount, full),
                                        "refund-" + refundId))
                            .compose(
                                v ->
                                    notices.add(
                                        conn,
                                        order.buyerId(),
                                        "order_refunded",
                                        new JsonObject()
                                            .put("orderId", orderId)
                                            .put("amountCents", amount)
                                            .put("full", full)))
                            .map(
                                notice -> {
                                  stored.add(notice);
                                  return null;
                                });
                      });
            });
  }

  /**
   * The provider reports {@code providerTotal} refunded on a checkout's payment (charge.refunded):
   * compared with the card parts of our refunds (a wallet part never reaches the provider), it
   * confirms our pending refunds it covers, and records refunds made outside Showfloor (the Stripe
   * dashboard) on the checkout's orders, oldest first.
   */
  public Future<String> reconcile(
      SqlConnection conn, long checkoutId, long providerTotal, List<Notification> stored) {
    return conn.preparedQuery("SELECT id FROM orders WHERE checkout_id = $1 ORDER BY id FOR UPDATE")
        .execute(Tuple.of(checkoutId))
        .compose(
            orderRows ->
                conn.preparedQuery(
                        """
                SELECT r.id, r.status, r.amount_cents - r.wallet_cents AS amount_cents
                FROM refunds r JOIN orders o ON o.id = r.order_id
                WHERE o.checkout_id = $1 AND r.status IN ('pending', 'succeeded') ORDER BY r.id""")
                    .execute(Tuple.of(checkoutId)))
        .compose(
            refundRows -> {
              long known = 0;
              List<Long> pending = new ArrayList<>();
              for (Row r : refundRows) {
                known += r.getLong("amount_cents");
                if ("pending".equals(r.getString("status"))) {
                  pending.add(r.getLong("id"));
                }
              }
              long extra = providerTotal - known;
              Future<Void> confirmed = Future.succeededFuture();
              if (extra >= 0) {
                for (long id : pending) {
                  confirmed = confirmed.compose(v -> complete(conn, id, null, stored));
                }
              }
              if (extra <= 0) {
                return confirmed.map(
                    v ->
                        pending.isEmpty() || extra < 0
                            ? "refunds already recorded"
                            : "confirmed " + pending.size() + " pending refund(s)");
              }
              return confirmed.compose(
                  v -> external(conn, checkoutId, providerTotal, extra, stored));
            });
  }

  private Future<String> external(
      SqlConnection conn,
      long checkoutId,
      long providerTotal,
      long extra,
      List<Notification> stored) {
    return conn.preparedQuery(
            """
            SELECT id, total_cents - refunded_cents AS left FROM orders
            WHERE checkout_id = $1 AND status = ANY($2::text[]) ORDER BY id""")
        .execute(Tuple.of(checkoutId).addArrayOfString(REFUNDABLE.toArray(String[]::new)))
        .compose(
            rows -> {
              long toPlace = extra;
              List<long[]> plan = new ArrayList<>();
              for (Row row : rows) {
                long take = Math.min(toPlace, row.getLong("left"));
                if (take > 0) {
                  plan.add(new long[] {row.getLong("id"), take});
                  toPlace -= take;
                }
              }
              Future<Void> done = Future.succeededFuture();
              for (long[] p : plan) {
                done =
                    done.compose(
                        v ->
                            conn.preparedQuery(
                                    """
                    INSERT INTO refunds (order_id, amount_cents, origin, reason, idempotency_key)
                    VALUES ($1, $2, 'provider', 'refunded at the payment provider', $3) RETURNING id""")
                                .execute(Tuple.of(p[0], p[1], "provider-total-" + providerTotal))
                                .compose(
                                    inserted ->
                                        conn.preparedQuery(
                                                "UPDATE orders SET refunded_cents = refunded_cents + $2 WHERE id = $1")
                                            .execute(Tuple.of(p[0], p[1]))
                                            .compose(
                                                v2 ->
                                                    complete(
                                                        conn,
                                                        inserted.iterator().next().getLong("id"),
                                                        null,
                                                        stored))));
              }
              long unplaced = toPlace;
              return done.map(
                  v ->
                      "recorded "
                          + (extra - unplaced)
                          + " cents refunded at the provider"
                          + (unplaced > 0
                              ? "; needs review: " + unplaced + " cents match no refundable order"
                              : ""));
            });
  }

  static JsonObject refundJson(Row row) {
    JsonObject json =
        new JsonObject()
            .put("id", row.getLong("id"))
            .put("orderId", row.getLong("order_id"))
            .put("amountCents", row.getLong("amount_cents"))
            .put("status", row.getString("status"))
            .put("origin", row.getString("origin"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
    if (row.getString("reason") != null) {
      json.put("reason", row.getString("reason"));
    }
    return json;
  }
}
