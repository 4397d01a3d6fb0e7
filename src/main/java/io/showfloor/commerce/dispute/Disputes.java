package io.showfloor.commerce.dispute;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.order.OrderLedger;
import io.showfloor.commerce.order.OrderReads;
import io.showfloor.commerce.order.RefundReversal;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.commerce.payment.DisputeEvents;
import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Card disputes (chargebacks) through the ledger. Opening one books the money the provider withdrew
 * ({@code dispute:<id>}: clearing to disputes) and freezes the seller's remaining share of each
 * order of the payment in {@code seller:<id>:dispute-hold}, so no payout can include it. Closing it
 * releases the holds; won, the provider gives the money back (disputes to clearing); lost, the
 * disputed amount becomes refunds of the orders through {@link Refunds#complete}, the same reversal
 * of fees, commissions and points as any refund, and the provider's withdrawal is final. Each step
 * is a conditional update or a keyed posting, so repeated and out-of-order events apply once.
 */
public final class Disputes implements DisputeEvents {
  private final String provider;
  private final Ledger ledger;
  private final Refunds refunds;
  private final Notices notices;

  public Disputes(String provider, Ledger ledger, Refunds refunds, Notices notices) {
    this.provider = provider;
    this.ledger = ledger;
    this.refunds = refunds;
    this.notices = notices;
  }

  @Override
  public Future<Outcome> opened(
      SqlConnection conn, String subjectKind, long subjectId, JsonObject dispute) {
    List<Notification> stored = new ArrayList<>();
    String disputeId = dispute.getString("id");
    long amount = Math.max(0, dispute.getLong("amount", 0L));
    return conn.preparedQuery(DisputeSql.OPEN)
        .execute(
            Tuple.of(
                    provider,
                    disputeId,
                    dispute.getString("payment_intent"),
                    subjectKind,
                    subjectId,
                    amount)
                .addString(dispute.getString("reason"))
                .addValue(dueBy(dispute)))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture("dispute " + disputeId + " already recorded");
              }
              long id = rows.iterator().next().getLong("id");
              // the provider takes the disputed amount out of our balance until the dispute is
              // decided
              Future<?> withdrawn =
                  amount == 0
                      ? Future.succeededFuture()
                      : ledger.post(
                          conn,
                          LedgerTransaction.builder("dispute", "dispute:" + disputeId)
                              .reference(subjectKind + ":" + subjectId)
                              .memo(
                                  "dispute "
                                      + disputeId
                                      + " on "
                                      + dispute.getString("payment_intent")
                                      + " ("
                                      + dispute.getString("reason")
                                      + ")")
                              .debit(LedgerAccount.disputes(provider), amount)
                              .credit(LedgerAccount.providerClearing(provider), amount)
                              .build());
              if (!"checkout".equals(subjectKind)) {
                return withdrawn.map(
                    v -> subjectKind + " " + subjectId + " disputed for " + amount + " cents");
              }
              return withdrawn
                  .compose(
                      v -> conn.preparedQuery(DisputeSql.FLAG_ORDERS).execute(Tuple.of(subjectId)))
                  .compose(
                      flagged -> {
                        Future<Void> held = Future.succeededFuture();
                        for (Row row : flagged) {
                          held =
                              held.compose(
                                  v ->
                                      hold(conn, id, disputeId, amount, row.getLong("id"), stored));
                        }
                        return held.compose(
                                v ->
                                    tellBuyers(
                                        conn,
                                        subjectId,
                                        "dispute_opened",
                                        new JsonObject()
                                            .put("disputeId", id)
                                            .put("amountCents", amount),
                                        stored))
                            .map(
                                v ->
                                    "checkout "
                                        + subjectId
                                        + " disputed ("
                                        + flagged.rowCount()
                                        + " order(s)); seller money held");
                      });
            })
        .map(text -> new Outcome(text, List.of(() -> announce(stored))));
  }

  /** Moves the seller's remaining share of one order from their payable to the dispute hold. */
  private Future<Void> hold(
      SqlConnection conn,
      long id,
      String disputeId,
      long disputed,
      long orderId,
      List<Notification> stored) {
    return OrderReads.get(conn, orderId, false)
        .compose(
            order -> {
              long left = order.totalCents() - order.refundPostedCents();
              long hold =
                  left <= 0 ? 0 : RefundReversal.of(OrderLedger.split(order), left).sellerCents();
              Future<?> posted =
                  hold <= 0
                      ? Future.succeededFuture()
                      : ledger.post(
                          conn,
                          LedgerTransaction.builder(
                                  "dispute_hold", "dispute:" + disputeId + ":hold:" + orderId)
                              .reference("order:" + orderId)
                              .debit(LedgerAccount.sellerPayable(order.sellerId()), hold)
                              .credit(LedgerAccount.sellerDisputeHold(order.sellerId()), hold)
                              .build());
              return posted
                  .compose(
                      v ->
                          conn.preparedQuery(DisputeSql.HOLD)
                              .execute(Tuple.of(id, orderId, order.sellerId(), hold)))
                  .compose(
                      v ->
                          notices.add(
                              conn,
                              order.sellerId(),
                              "order_disputed",
                              new JsonObject()
                                  .put("orderId", orderId)
                                  .put("disputedCents", disputed)
                                  .put("heldCents", hold)
                                  .put("disputeId", id)))
                  .compose(
                      n -> {
                        stored.add(n);
                        return notices.mail(
                            conn,
                            order.sellerId(),
                            NotificationTopics.ORDERS,
                            "A card dispute holds order #" + orderId,
                            "The buyer's bank disputes the payment for order #"
                                + orderId
                                + ". "
                                + money(hold)
                                + " of your earnings from it is held until the dispute is decided. Keep the shipping and delivery"
                                + " records: they are the evidence.",
                            "dispute-opened-" + disputeId + "-" + orderId);
                      });
            });
  }

  @Override
  public Future<Outcome> closed(
      SqlConnection conn, String subjectKind, long subjectId, JsonObject dispute) {
    String disputeId = dispute.getString("id");
    // Stripe: won, lost, or warning_closed (an inquiry that never became a chargeback: nothing was
    // taken for good)
    String outcome = "lost".equals(dispute.getString("status")) ? "lost" : "won";
    List<Notification> stored = new ArrayList<>();
    List<Runnable> after = new ArrayList<>();
    return opened(conn, subjectKind, subjectId, dispute)
        .compose(
            open -> {
              after.addAll(open.afterCommit());
              return conn.preparedQuery(DisputeSql.CLOSE).execute(Tuple.of(disputeId, outcome));
            })
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture("dispute " + disputeId + " already closed");
              }
              long id = rows.iterator().next().getLong("id");
              long amount = rows.iterator().next().getLong("amount_cents");
              return release(conn, id, disputeId)
                  .compose(
                      v ->
                          "won".equals(outcome)
                              ? won(conn, disputeId, subjectKind, subjectId, amount)
                              : lost(conn, id, disputeId, subjectKind, subjectId, amount, stored))
                  .compose(
                      text ->
                          !"checkout".equals(subjectKind)
                              ? Future.succeededFuture(text)
                              : settleOrders(conn, id, subjectId, outcome, stored).map(v -> text));
            })
        .map(
            text -> {
              after.add(() -> announce(stored));
              return new Outcome(text, after);
            });
  }

  /**
   * The holds go back to each seller's payable; a lost dispute then takes the refund from there
   * like any refund.
   */
  private Future<Void> release(SqlConnection conn, long id, String disputeId) {
    return conn.preparedQuery(DisputeSql.HOLDS)
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              List<LedgerTransaction> releases = new ArrayList<>();
              for (Row row : rows) {
                long hold = row.getLong("hold_cents");
                if (hold > 0) {
                  long orderId = row.getLong("order_id");
                  releases.add(
                      LedgerTransaction.builder(
                              "dispute_release", "dispute:" + disputeId + ":release:" + orderId)
                          .reference("order:" + orderId)
                          .debit(LedgerAccount.sellerDisputeHold(row.getLong("seller_id")), hold)
                          .credit(LedgerAccount.sellerPayable(row.getLong("seller_id")), hold)
                          .build());
                }
              }
              return releases.isEmpty()
                  ? Future.succeededFuture()
                  : ledger.postAll(conn, releases).mapEmpty();
            });
  }

  private Future<String> won(
      SqlConnection conn, String disputeId, String subjectKind, long subjectId, long amount) {
    Future<?> returned =
        amount == 0
            ? Future.succeededFuture()
            : ledger.post(
                conn,
                LedgerTransaction.builder("dispute_won", "dispute:" + disputeId + ":won")
                    .reference(subjectKind + ":" + subjectId)
                    .debit(LedgerAccount.providerClearing(provider), amount)
                    .credit(LedgerAccount.disputes(provider), amount)
                    .build());
    return returned.map(
        v -> "dispute " + disputeId + " won: " + amount + " cents returned, holds released");
  }

  private Future<String> lost(
      SqlConnection conn,
      long id,
      String disputeId,
      String subjectKind,
      long subjectId,
      long amount,
      List<Notification> stored) {
    if (!"checkout".equals(subjectKind)) {
      return Future.succeededFuture(
          "dispute "
              + disputeId
              + " lost on "
              + subjectKind
              + " "
              + subjectId
              + "; needs review: "
              + amount
              + " cents stay in the disputes account");
    }
    return conn.preparedQuery(DisputeSql.REFUNDABLE)
        .execute(Tuple.of(subjectId))
        .compose(
            rows -> {
              List<long[]> plan = new ArrayList<>();
              long toPlace = amount;
              for (Row row : rows) {
                long take = Math.min(toPlace, row.getLong("left"));
                if (take > 0) {
                  plan.add(new long[] {row.getLong("id"), take});
                  toPlace -= take;
                }
              }
              long placed = amount - toPlace;
              Future<Void> done = Future.succeededFuture();
              for (long[] p : plan) {
                done =
                    done.compose(
                        v ->
                            conn.preparedQuery(DisputeSql.REFUND)
                                .execute(Tuple.of(p[0], p[1], "dispute-" + disputeId))
                                .compose(
                                    inserted ->
                                        conn.preparedQuery(DisputeSql.RESERVE)
                                            .execute(Tuple.of(p[0], p[1]))
                                            .compose(
                                                v2 ->
                                                    refunds.complete(
                                                        conn,
                                                        inserted.iterator().next().getLong("id"),
                                                        disputeId,
                                                        stored))));
              }
              // the refunds above credited clearing as if we had paid the buyer; the provider did,
              // out of the disputed amount
              return done.compose(
                      v ->
                          placed == 0
                              ? Future.succeededFuture()
                              : ledger.post(
                                  conn,
                                  LedgerTransaction.builder(
                                          "dispute_lost", "dispute:" + disputeId + ":lost")
                                      .reference(subjectKind + ":" + subjectId)
                                      .debit(LedgerAccount.providerClearing(provider), placed)
                                      .credit(LedgerAccount.disputes(provider), placed)
                                      .build()))
                  .compose(
                      v ->
                          conn.preparedQuery(DisputeSql.RECORD_REFUNDED)
                              .execute(Tuple.of(id, placed)))
                  .map(
                      v ->
                          "dispute "
                              + disputeId
                              + " lost: "
                              + placed
                              + " cents refunded through the orders"
                              + (placed < amount
                                  ? "; needs review: "
                                      + (amount - placed)
                                      + " cents match no refundable order"
                                  : ""));
            });
  }

  private Future<Void> settleOrders(
      SqlConnection conn, long id, long checkoutId, String outcome, List<Notification> stored) {
    return conn.preparedQuery(DisputeSql.SETTLE_ORDERS)
        .execute(Tuple.of(checkoutId, outcome))
        .compose(
            rows -> {
              Future<Void> told = Future.succeededFuture();
              for (Row row : rows) {
                long orderId = row.getLong("id");
                long sellerId = row.getLong("seller_id");
                JsonObject payload =
                    new JsonObject()
                        .put("orderId", orderId)
                        .put("disputeId", id)
                        .put("outcome", outcome);
                told =
                    told.compose(v -> notices.add(conn, sellerId, "dispute_closed", payload))
                        .compose(
                            n -> {
                              stored.add(n);
                              return notices.mail(
                                  conn,
                                  sellerId,
                                  NotificationTopics.ORDERS,
                                  "The card dispute on order #" + orderId + " is " + outcome,
                                  "won".equals(outcome)
                                      ? "The dispute was decided in your favour: the held money is yours again."
                                      : "The dispute was lost: the buyer's bank refunded the payment, and your earnings from the order are reduced.",
                                  "dispute-closed-" + id + "-" + orderId);
                            });
              }
              return told.compose(
                  v ->
                      tellBuyers(
                          conn,
                          checkoutId,
                          "dispute_closed",
                          new JsonObject().put("disputeId", id).put("outcome", outcome),
                          stored));
            });
  }

  private Future<Void> tellBuyers(
      SqlConnection conn,
      long checkoutId,
      String kind,
      JsonObject payload,
      List<Notification> stored) {
    return conn.preparedQuery(DisputeSql.BUYERS)
        .execute(Tuple.of(checkoutId))
        .compose(
            rows -> {
              Future<Void> told = Future.succeededFuture();
              for (Row row : rows) {
                told =
                    told.compose(
                        v ->
                            notices
                                .add(conn, row.getLong("buyer_id"), kind, payload)
                                .map(
                                    n -> {
                                      stored.add(n);
                                      return null;
                                    }));
              }
              return told;
            });
  }

  private void announce(List<Notification> stored) {
    stored.forEach(notices::push);
    notices.sendMail();
  }

  private static @Nullable OffsetDateTime dueBy(JsonObject dispute) {
    JsonObject details = dispute.getJsonObject("evidence_details");
    Long due = details == null ? null : details.getLong("due_by");
    return due == null
        ? null
        : OffsetDateTime.ofInstant(Instant.ofEpochSecond(due), ZoneOffset.UTC);
  }

  private static String money(long cents) {
    return String.format("$%d.%02d", cents / 100, cents % 100);
  }
}
