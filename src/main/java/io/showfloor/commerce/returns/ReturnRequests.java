package io.showfloor.commerce.returns;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.order.Refunds;
import io.showfloor.media.PhotoAttachments;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buyer protection: a buyer asks for money back on a paid order, the seller accepts (a full or
 * partial refund, a return label if they want the item back) or declines with a reason; a declined
 * request can be escalated by the buyer, an unanswered one escalates by itself after {@code
 * responseDays}; a moderator then refunds or rejects. Every refund goes through {@link Refunds}, so
 * the ledger reverses fees, commissions and points exactly as a seller's refund does. Decisions are
 * conditional updates on the locked request: repeating one (with or without an Idempotency-Key)
 * answers what was decided and changes nothing again.
 */
public final class ReturnRequests {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnRequests.class);
  public static final int SWEEP_BATCH = 200;
  private final Database db;
  private final Refunds refunds;
  private final Notices notices;
  private final ReturnTerms terms;
  private final PhotoAttachments photos;
  private RulingAudit audit =
      (conn, moderatorId, requestId, sellerId, action, note, detail) -> Future.succeededFuture();

  public ReturnRequests(
      Database db, Refunds refunds, Notices notices, ReturnTerms terms, PhotoAttachments photos) {
    this.db = db;
    this.photos = photos;
    this.refunds = refunds;
    this.notices = notices;
    this.terms = terms;
  }

  public ReturnTerms terms() {
    return terms;
  }

  /** Moderation records each ruling in its audit trail, in the ruling's transaction. */
  public void onRuling(RulingAudit audit) {
    this.audit = audit;
  }

  /** A buyer opens a request; the same Idempotency-Key answers the request it opened. */
  public Future<IdempotentResult<JsonObject>> open(
      Caller buyer,
      long orderId,
      String reasonText,
      String messageText,
      Long[] photoIds,
      @Nullable String key) {
    ReturnReason reason = ReturnReason.parse(reasonText);
    if (reason == null) {
      return Future.failedFuture(
          Refused.invalid(
              "invalid_reason",
              "reason is one of not_received, not_as_described, damaged, changed_mind"));
    }
    String message = messageText == null ? "" : messageText.strip();
    if (message.isEmpty() || message.length() > 2000) {
      return Future.failedFuture(
          Refused.invalid("invalid_message", "Say what happened in 1 to 2000 characters"));
    }
    List<Notification> stored = new ArrayList<>();
    // the order's row lock first: concurrent opens (and keyed repeats) of one order run one after
    // another
    return db.<IdempotentResult<JsonObject>>tx(
            conn ->
                conn.preparedQuery(ReturnRequestSql.ORDER)
                    .execute(Tuple.of(orderId))
                    .compose(
                        rows -> {
                          Row order = rows.iterator().hasNext() ? rows.iterator().next() : null;
                          if (order == null || order.getLong("buyer_id") != buyer.userId()) {
                            return Future.failedFuture(
                                Refused.notFound(
                                    "order_not_found", "No order " + orderId + " of yours"));
                          }
                          return replayOf(conn, buyer, orderId, key)
                              .compose(
                                  replay -> {
                                    if (replay != null) {
                                      return Future.succeededFuture(
                                          IdempotentResult.replayed(replay.toJson()));
                                    }
                                    Refused refused =
                                        ReturnWindow.refusal(
                                            terms,
                                            order.getString("status"),
                                            order.getString("dispute_status"),
                                            order.getOffsetDateTime("paid_at"),
                                            order.getOffsetDateTime("shipped_at"),
                                            order.getOffsetDateTime("delivered_at"),
                                            reason,
                                            OffsetDateTime.now());
                                    if (refused != null) {
                                      return Future.failedFuture(refused);
                                    }
                                    return conn.preparedQuery(ReturnRequestSql.ACTIVE)
                                        .execute(Tuple.of(orderId))
                                        .compose(
                                            active -> {
                                              if (active.iterator().hasNext()) {
                                                return Future.failedFuture(
                                                    Refused.conflict(
                                                        "request_open",
                                                        "Request "
                                                            + active.iterator().next().getLong("id")
                                                            + " on this order is still being decided"));
                                              }
                                              long sellerId = order.getLong("seller_id");
                                              return photos
                                                  .checkOwned(conn, buyer.userId(), photoIds)
                                                  .compose(
                                                      owned ->
                                                          conn.preparedQuery(
                                                                  ReturnRequestSql.INSERT)
                                                              .execute(
                                                                  Tuple.of(
                                                                          orderId,
                                                                          buyer.userId(),
                                                                          sellerId,
                                                                          reason.wire(),
                                                                          message,
                                                                          terms.responseDays())
                                                                      .addString(key)
                                                                      .addArrayOfLong(photoIds)))
                                                  .map(
                                                      inserted ->
                                                          ReturnRequest.of(
                                                              inserted.iterator().next()))
                                                  .compose(
                                                      request ->
                                                          tell(
                                                                  conn,
                                                                  sellerId,
                                                                  "return_request_opened",
                                                                  request,
                                                                  stored,
                                                                  "Return request on order #"
                                                                      + orderId,
                                                                  "The buyer asks for a refund on order #"
                                                                      + orderId
                                                                      + " ("
                                                                      + reason
                                                                          .wire()
                                                                          .replace('_', ' ')
                                                                      + "): \""
                                                                      + message
                                                                      + "\". Accept (full or partial refund)"
                                                                      + " or decline with a reason by "
                                                                      + request
                                                                          .respondBy()
                                                                          .toInstant()
                                                                      + "; unanswered, it goes to Showfloor's moderators.")
                                                              .map(
                                                                  v ->
                                                                      IdempotentResult.fresh(
                                                                          request.toJson())));
                                            });
                                  });
                        }))
        .onSuccess(done -> announce(stored));
  }

  private Future<@Nullable ReturnRequest> replayOf(
      SqlConnection conn, Caller buyer, long orderId, @Nullable String key) {
    if (key == null) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery(ReturnRequestSql.BY_KEY)
        .execute(Tuple.of(buyer.userId(), key))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(null);
              }
              ReturnRequest earlier = ReturnRequest.of(rows.iterator().next());
              return earlier.orderId() == orderId
                  ? Future.succeededFuture(earlier)
                  : Future.failedFuture(
                      Refused.conflict(
                          "idempotency_key_reused",
                          "This Idempotency-Key opened a request on another order"));
            });
  }

  /** One request, for its buyer, its seller or a moderator. */
  public Future<JsonObject> get(Caller caller, long id) {
    return db.one(ReturnRequestSql.GET, Tuple.of(id))
        .map(
            row -> {
              ReturnRequest request = row == null ? null : ReturnRequest.of(row);
              if (request == null
                  || !(request.buyerId() == caller.userId()
                      || request.sellerId() == caller.userId()
                      || caller.isModerator())) {
                throw Refused.notFound(
                    "return_request_not_found", "No return request " + id + " of yours");
              }
              return request.toJson();
            });
  }

  public Future<JsonObject> buyerPage(
      Caller buyer, @Nullable Long orderId, int limit, long before) {
    return db.query(
            ReturnRequestSql.BUYER_PAGE, Tuple.of(buyer.userId(), orderId, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> ReturnRequest.of(row).toJson()));
  }

  public Future<JsonObject> sellerPage(
      Caller seller, @Nullable String status, int limit, long before) {
    return db.query(
            ReturnRequestSql.SELLER_PAGE, Tuple.of(seller.userId(), status, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> ReturnRequest.of(row).toJson()));
  }

  /**
   * The seller accepts: refunds {@code refundCents} (null: all that is left) and may send a return
   * label.
   */
  public Future<IdempotentResult<JsonObject>> accept(
      Caller seller, long id, @Nullable Long refundCents, @Nullable String labelUrl) {
    return db.<Decision>tx(
            conn ->
                locked(conn, seller, id, true)
                    .compose(
                        request -> {
                          if ("accepted".equals(request.status())) {
                            return sameRefund(request, refundCents);
                          }
                          if (!"open".equals(request.status())) {
                            return Future.failedFuture(stateRefusal(request));
                          }
                          return refundable(conn, request, refundCents)
                              .compose(
                                  amount ->
                                      conn.preparedQuery(ReturnRequestSql.ACCEPT)
                                          .execute(
                                              Tuple.of(
                                                      id,
                                                      "accepted",
                                                      amount,
                                                      labelUrl,
                                                      seller.userId())
                                                  .addString(null))
                                          .map(
                                              rows ->
                                                  new Decision(
                                                      ReturnRequest.of(rows.iterator().next()),
                                                      false)));
                        }))
        .compose(decision -> carryOut(decision, seller.userId(), "open", null));
  }

  /** The seller declines with a reason; the buyer may then escalate. */
  public Future<IdempotentResult<JsonObject>> decline(Caller seller, long id, String reasonText) {
    String reason = reasonText == null ? "" : reasonText.strip();
    if (reason.isEmpty() || reason.length() > 1000) {
      return Future.failedFuture(
          Refused.invalid("invalid_decline_reason", "Tell the buyer why in 1 to 1000 characters"));
    }
    List<Notification> stored = new ArrayList<>();
    return db.<IdempotentResult<JsonObject>>tx(
            conn ->
                locked(conn, seller, id, true)
                    .compose(
                        request -> {
                          if ("declined".equals(request.status())
                              && reason.equals(request.declineReason())) {
                            return Future.succeededFuture(
                                IdempotentResult.replayed(request.toJson()));
                          }
                          if (!"open".equals(request.status())) {
                            return Future.failedFuture(stateRefusal(request));
                          }
                          return conn.preparedQuery(ReturnRequestSql.DECLINE)
                              .execute(Tuple.of(id, reason, seller.userId()))
                              .map(rows -> ReturnRequest.of(rows.iterator().next()))
                              .compose(
                                  declined ->
                                      tell(
                                              conn,
                                              declined.buyerId(),
                                              "return_request_declined",
                                              declined,
                                              stored,
                                              "Your return request on order #"
                                                  + declined.orderId()
                                                  + " was declined",
                                              "The seller declined your request: \""
                                                  + reason
                                                  + "\". If you disagree, escalate it from your order page and"
                                                  + " Showfloor's moderators will decide.")
                                          .map(v -> IdempotentResult.fresh(declined.toJson())));
                        }))
        .onSuccess(done -> announce(stored));
  }

  /** The buyer takes a declined request to the moderators. */
  public Future<IdempotentResult<JsonObject>> escalate(Caller buyer, long id) {
    List<Notification> stored = new ArrayList<>();
    return db.<IdempotentResult<JsonObject>>tx(
            conn ->
                locked(conn, buyer, id, false)
                    .compose(
                        request -> {
                          if ("escalated".equals(request.status())) {
                            return Future.succeededFuture(
                                IdempotentResult.replayed(request.toJson()));
                          }
                          if (!"declined".equals(request.status())) {
                            return Future.failedFuture(
                                "open".equals(request.status())
                                    ? Refused.conflict(
                                        "request_state",
                                        "The seller has until "
                                            + request.respondBy().toInstant()
                                            + " to answer; unanswered, the request goes to the moderators by itself")
                                    : stateRefusal(request));
                          }
                          return conn.preparedQuery(ReturnRequestSql.ESCALATE)
                              .execute(Tuple.of(id))
                              .map(rows -> ReturnRequest.of(rows.iterator().next()))
                              .compose(
                                  escalated ->
                                      tellEscalated(conn, escalated, stored)
                                          .map(v -> IdempotentResult.fresh(escalated.toJson())));
                        }))
        .onSuccess(done -> announce(stored));
  }

  /**
   * One pass of the escalation sweep, run by every node: requests still open past their {@code
   * respond_by} (database clock) go to the moderators. Answers how many.
   */
  public Future<Integer> escalateOverdue() {
    List<Notification> stored = new ArrayList<>();
    return db.tx(
            conn ->
                conn.preparedQuery(ReturnRequestSql.ESCALATE_OVERDUE)
                    .execute(Tuple.of(SWEEP_BATCH))
                    .compose(
                        rows -> {
                          Future<Void> told = Future.succeededFuture();
                          int n = 0;
                          for (Row row : rows) {
                            ReturnRequest request = ReturnRequest.of(row);
                            told = told.compose(v -> tellEscalated(conn, request, stored));
                            n++;
                          }
                          int escalated = n;
                          return told.map(v -> escalated);
                        }))
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.info(
                    "Escalated {} return requests their sellers did not answer within {} days",
                    n,
                    terms.responseDays());
                announce(stored);
              }
            });
  }

  /** A moderator's ruling on an escalated request: refund (all or part) or reject. Audited. */
  public Future<IdempotentResult<JsonObject>> rule(
      Caller moderator,
      long id,
      String outcome,
      @Nullable Long refundCents,
      @Nullable String noteText) {
    String note = noteText == null || noteText.isBlank() ? null : noteText.strip();
    if (!"refund".equals(outcome) && !"reject".equals(outcome)) {
      return Future.failedFuture(Refused.invalid("invalid_outcome", "outcome is refund or reject"));
    }
    if ("reject".equals(outcome) && refundCents != null) {
      return Future.failedFuture(
          Refused.invalid("invalid_outcome", "refundCents goes only with outcome refund"));
    }
    List<Notification> stored = new ArrayList<>();
    return db.<Decision>tx(
            conn ->
                conn.preparedQuery(ReturnRequestSql.LOCK)
                    .execute(Tuple.of(id))
                    .compose(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            return Future.failedFuture(
                                Refused.notFound(
                                    "return_request_not_found", "No return request " + id));
                          }
                          ReturnRequest request = ReturnRequest.of(rows.iterator().next());
                          if (request.buyerId() == moderator.userId()
                              || request.sellerId() == moderator.userId()) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "own_item",
                                    "Another moderator must decide on a request you are part of"));
                          }
                          if ("refund".equals(outcome) && "refunded".equals(request.status())) {
                            return sameRefund(request, refundCents);
                          }
                          if ("reject".equals(outcome) && "rejected".equals(request.status())) {
                            return Future.succeededFuture(new Decision(request, true));
                          }
                          if (!"escalated".equals(request.status())) {
                            return Future.failedFuture(stateRefusal(request));
                          }
                          if ("reject".equals(outcome)) {
                            return conn.preparedQuery(ReturnRequestSql.REJECT)
                                .execute(Tuple.of(id, moderator.userId(), note))
                                .map(updated -> ReturnRequest.of(updated.iterator().next()))
                                .compose(
                                    rejected ->
                                        audit
                                            .ruled(
                                                conn,
                                                moderator.userId(),
                                                id,
                                                rejected.sellerId(),
                                                "reject_return_request",
                                                note,
                                                new JsonObject().put("orderId", rejected.orderId()))
                                            .compose(
                                                v ->
                                                    tellBoth(
                                                        conn,
                                                        rejected,
                                                        "return_request_rejected",
                                                        stored,
                                                        "Return request on order #"
                                                            + rejected.orderId()
                                                            + ": no refund",
                                                        "Showfloor's moderators reviewed the request and decided against a refund"
                                                            + (note == null ? "." : ": " + note)))
                                            .map(v -> new Decision(rejected, false)));
                          }
                          return refundable(conn, request, refundCents)
                              .compose(
                                  amount ->
                                      conn.preparedQuery(ReturnRequestSql.ACCEPT)
                                          .execute(
                                              Tuple.of(
                                                      id,
                                                      "refunded",
                                                      amount,
                                                      null,
                                                      moderator.userId())
                                                  .addString(note))
                                          .map(
                                              updated ->
                                                  new Decision(
                                                      ReturnRequest.of(updated.iterator().next()),
                                                      false)));
                        }))
        .onSuccess(done -> announce(stored))
        .compose(
            decision ->
                "rejected".equals(decision.request().status())
                    ? Future.succeededFuture(
                        new IdempotentResult<>(decision.request().toJson(), decision.replayed()))
                    : carryOut(decision, moderator.userId(), "escalated", note));
  }

  /**
   * A decision to refund, committed on the request: the refund itself, then its id on the request
   * and the notices.
   */
  private record Decision(ReturnRequest request, boolean replayed) {}

  private Future<IdempotentResult<JsonObject>> carryOut(
      Decision decision, long actorId, String statusBefore, @Nullable String note) {
    ReturnRequest request = decision.request();
    if (request.refundId() != null) {
      return Future.succeededFuture(new IdempotentResult<>(request.toJson(), true));
    }
    // the refund's key is the request's: a retry after a crash or a concurrent double click refunds
    // once
    return refunds
        .refundOnDecision(
            actorId,
            request.orderId(),
            request.refundCents(),
            "return request " + request.id() + " (" + request.reason() + ")",
            "return-request-" + request.id())
        .recover(
            failure ->
                db.query(ReturnRequestSql.UNDO_REFUND, Tuple.of(request.id(), statusBefore))
                    .compose(v -> Future.failedFuture(failure)))
        .compose(
            refund ->
                recordRefund(
                        request,
                        refund.getJsonObject("refund").getLong("id"),
                        actorId,
                        statusBefore,
                        note)
                    .map(
                        recorded ->
                            new IdempotentResult<>(
                                recorded.toJson().put("refund", refund.getJsonObject("refund")),
                                decision.replayed())));
  }

  private Future<ReturnRequest> recordRefund(
      ReturnRequest request,
      long refundId,
      long actorId,
      String statusBefore,
      @Nullable String note) {
    List<Notification> stored = new ArrayList<>();
    boolean byModerator = "escalated".equals(statusBefore);
    return db.<ReturnRequest>tx(
            conn ->
                conn.preparedQuery(ReturnRequestSql.REFUNDED)
                    .execute(Tuple.of(request.id(), refundId))
                    .compose(
                        rows -> {
                          if (!rows.iterator().hasNext()) {
                            // recorded by a concurrent twin of this decision, which also told
                            // everyone
                            return db.one(ReturnRequestSql.GET, Tuple.of(request.id()))
                                .map(
                                    row -> ReturnRequest.of(java.util.Objects.requireNonNull(row)));
                          }
                          ReturnRequest done = ReturnRequest.of(rows.iterator().next());
                          String amount =
                              money(java.util.Objects.requireNonNull(done.refundCents()));
                          if (byModerator) {
                            return audit
                                .ruled(
                                    conn,
                                    actorId,
                                    done.id(),
                                    done.sellerId(),
                                    "refund_return_request",
                                    note,
                                    new JsonObject()
                                        .put("orderId", done.orderId())
                                        .put("refundCents", done.refundCents())
                                        .put("refundId", refundId))
                                .compose(
                                    v ->
                                        tellBoth(
                                            conn,
                                            done,
                                            "return_request_refunded",
                                            stored,
                                            "Return request on order #"
                                                + done.orderId()
                                                + ": "
                                                + amount
                                                + " refunded",
                                            "Showfloor's moderators decided a refund of "
                                                + amount
                                                + (note == null ? "." : ": " + note)))
                                .map(v -> done);
                          }
                          String label =
                              done.returnLabelUrl() == null
                                  ? ""
                                  : " Send the item back with this label: " + done.returnLabelUrl();
                          return tell(
                                  conn,
                                  done.buyerId(),
                                  "return_request_accepted",
                                  done,
                                  stored,
                                  "Your return request on order #"
                                      + done.orderId()
                                      + " was accepted",
                                  "The seller accepted your request and refunded "
                                      + amount
                                      + " to your card."
                                      + label)
                              .map(v -> done);
                        }))
        .onSuccess(done -> announce(stored));
  }

  /**
   * The request locked, if the caller is its seller ({@code seller}) or buyer; the other party is
   * refused.
   */
  private Future<ReturnRequest> locked(SqlConnection conn, Caller caller, long id, boolean seller) {
    return conn.preparedQuery(ReturnRequestSql.LOCK)
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              ReturnRequest request =
                  rows.iterator().hasNext() ? ReturnRequest.of(rows.iterator().next()) : null;
              if (request == null
                  || !(request.buyerId() == caller.userId()
                      || request.sellerId() == caller.userId())) {
                return Future.failedFuture(
                    Refused.notFound(
                        "return_request_not_found", "No return request " + id + " of yours"));
              }
              if (seller && request.sellerId() != caller.userId()) {
                return Future.failedFuture(
                    Refused.forbidden(
                        "seller_decides",
                        "The seller accepts or declines a request; the buyer may"
                            + " escalate a declined one"));
              }
              if (!seller && request.buyerId() != caller.userId()) {
                return Future.failedFuture(
                    Refused.forbidden("buyer_escalates", "Only the buyer escalates a request"));
              }
              return Future.succeededFuture(request);
            });
  }

  /**
   * What may be refunded on the request's order: the asked amount (null: all that is left),
   * checked.
   */
  private Future<Long> refundable(
      SqlConnection conn, ReturnRequest request, @Nullable Long refundCents) {
    return conn.preparedQuery(ReturnRequestSql.ORDER)
        .execute(Tuple.of(request.orderId()))
        .compose(
            rows -> {
              Row order = rows.iterator().next();
              if (io.showfloor.commerce.order.DeliveryTerms.disputed(
                  order.getString("dispute_status"))) {
                return Future.failedFuture(
                    Refused.conflict(
                        "order_disputed",
                        "The payment is disputed with the buyer's bank; the dispute decides"));
              }
              long left = order.getLong("total_cents") - order.getLong("refunded_cents");
              if (left <= 0) {
                return Future.failedFuture(
                    Refused.conflict(
                        "already_refunded", "Everything paid for this order is already refunded"));
              }
              long amount = refundCents == null ? left : refundCents;
              if (amount <= 0) {
                return Future.failedFuture(
                    Refused.invalid("invalid_amount", "refundCents must be positive"));
              }
              if (amount > left) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "refund_too_large",
                        "At most " + left + " cents can still be refunded on this order"));
              }
              return Future.succeededFuture(amount);
            });
  }

  private static Future<Decision> sameRefund(ReturnRequest request, @Nullable Long refundCents) {
    if (refundCents != null && !refundCents.equals(request.refundCents())) {
      return Future.failedFuture(
          Refused.conflict(
              "request_state",
              "This request was already decided with a refund of "
                  + request.refundCents()
                  + " cents"));
    }
    return Future.succeededFuture(new Decision(request, true));
  }

  private static Refused stateRefusal(ReturnRequest request) {
    return Refused.conflict(
        "request_state",
        "This request is " + request.status() + (request.unsettled() ? "" : " and settled"));
  }

  private Future<Void> tellEscalated(
      SqlConnection conn, ReturnRequest request, List<Notification> stored) {
    String how =
        "automatic".equals(request.escalatedBy())
            ? "The seller did not answer in " + terms.responseDays() + " days, so the"
            : "The";
    return tellBoth(
        conn,
        request,
        "return_request_escalated",
        stored,
        "Return request on order #" + request.orderId() + " escalated",
        how
            + " return request on order #"
            + request.orderId()
            + " went to Showfloor's moderators, who will decide.");
  }

  private Future<Void> tellBoth(
      SqlConnection conn,
      ReturnRequest request,
      String kind,
      List<Notification> stored,
      String subject,
      String text) {
    return tell(conn, request.buyerId(), kind, request, stored, subject, text)
        .compose(v -> tell(conn, request.sellerId(), kind, request, stored, subject, text));
  }

  /**
   * A notification and a mail (dedupe key per request, step and person: a repeated step mails
   * once).
   */
  private Future<Void> tell(
      SqlConnection conn,
      long userId,
      String kind,
      ReturnRequest request,
      List<Notification> stored,
      String subject,
      String text) {
    JsonObject payload =
        new JsonObject()
            .put("requestId", request.id())
            .put("orderId", request.orderId())
            .put("status", request.status())
            .put("refundCents", request.refundCents());
    return notices
        .add(conn, userId, kind, payload)
        .compose(
            n -> {
              stored.add(n);
              return notices.mail(
                  conn,
                  userId,
                  NotificationTopics.ORDERS,
                  subject,
                  text,
                  kind + "-" + request.id() + "-" + userId);
            });
  }

  private void announce(List<Notification> stored) {
    stored.forEach(notices::push);
    if (!stored.isEmpty()) {
      notices.sendMail();
    }
  }

  private static String money(long cents) {
    return String.format("$%d.%02d", cents / 100, cents % 100);
  }
}
