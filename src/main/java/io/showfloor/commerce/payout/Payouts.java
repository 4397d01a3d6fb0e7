package io.showfloor.commerce.payout;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.StripePayments;
import io.showfloor.commerce.payment.TransferRequest;
import io.showfloor.commerce.payment.TransferResult;
import io.showfloor.ledger.Ledger;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Money;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Payouts of what sellers and creators are owed. A request takes the money off the payee's payables
 * into {@code platform:payouts-in-transit} in the same database transaction as the payout row; an
 * admin approves (the provider transfers it: a Stripe Connect transfer, or the sandbox marking it
 * paid) or rejects (the ledger transaction is reversed). The payee hears how it ended (in-app and
 * by mail, recorded with the change). See docs/LEDGER.md.
 */
public final class Payouts {
  private final Database db;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final Notices notices;
  private final PayableBalances balances;
  private final long minimumCents;

  /**
   * {@code holdDays}: how long money stays on hold after its order is delivered (payouts.holdDays,
   * see DeliveryTerms); {@code minimumCents}: the smallest payout (payouts.minimumCents).
   */
  public Payouts(
      Database db,
      Ledger ledger,
      PaymentProvider payments,
      Notices notices,
      int holdDays,
      long minimumCents) {
    this.db = db;
    this.ledger = ledger;
    this.payments = payments;
    this.notices = notices;
    this.balances = new PayableBalances(holdDays);
    this.minimumCents = minimumCents;
  }

  /** What the payee may withdraw now, what is still on hold, in transit and paid out so far. */
  public Future<JsonObject> balance(long userId) {
    var pool = db.pool();
    Future<Payables> payables = balances.read(pool, userId);
    Future<Row> totals =
        db.one(
            """
        SELECT COALESCE(SUM(amount_cents) FILTER (WHERE status IN ('requested', 'processing')), 0) AS in_transit,
               COALESCE(SUM(amount_cents) FILTER (WHERE status = 'paid'), 0) AS paid_out
        FROM payouts WHERE user_id = $1""",
            Tuple.of(userId));
    Future<String> account = connectedAccount(userId);
    return Future.all(payables, totals, account)
        .map(
            done -> {
              Payables p = payables.result();
              return new JsonObject()
                  .put("currency", "usd")
                  .put("availableCents", p.availableCents())
                  .put("pendingCents", p.pendingCents())
                  .put("payableCents", p.balanceCents())
                  .put("inTransitCents", totals.result().getLong("in_transit"))
                  .put("paidOutCents", totals.result().getLong("paid_out"))
                  .put("sellerPayableCents", p.seller().balanceCents())
                  .put("creatorPayableCents", p.creator().balanceCents())
                  .put("holdDays", balances.holdDays())
                  .put("minimumPayoutCents", minimumCents)
                  .put("provider", payments.name())
                  .put("connectedAccountId", account.result());
            });
  }

  /**
   * Requests a payout of {@code amountCents}: at least the minimum, at most what is available. The
   * payee's payables are locked first, so concurrent requests cannot both spend the same money.
   */
  public Future<IdempotentResult<Payout>> request(
      long userId, long amountCents, String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.failedFuture(
          Refused.invalid(
              "idempotency_key_required",
              "A payout request needs an Idempotency-Key header, so a retry cannot pay out twice"));
    }
    if (amountCents < minimumCents) {
      return Future.failedFuture(
          Refused.unprocessable(
              "payout_below_minimum", "The smallest payout is " + minimumCents + " cents"));
    }
    return connectedAccount(userId)
        .compose(
            destination -> {
              if (destination == null && StripePayments.NAME.equals(payments.name())) {
                return Future.failedFuture(
                    Refused.conflict(
                        "payout_account_missing",
                        "Register your Stripe connected account (acct_...) at PUT /api/payouts/account first"));
              }
              return db.tx(
                  conn ->
                      balances
                          .lock(conn, userId)
                          .compose(v -> byKey(conn, userId, idempotencyKey))
                          .compose(
                              existing ->
                                  existing != null
                                      ? replay(existing, amountCents)
                                      : create(
                                          conn, userId, amountCents, destination, idempotencyKey)));
            });
  }

  private Future<IdempotentResult<Payout>> replay(Payout existing, long amountCents) {
    if (existing.amountCents() != amountCents) {
      return Future.failedFuture(
          Refused.conflict(
              "idempotency_key_reused",
              "This Idempotency-Key was used for a payout of a different amount"));
    }
    return Future.succeededFuture(IdempotentResult.replayed(existing));
  }

  private Future<IdempotentResult<Payout>> create(
      SqlConnection conn, long userId, long amountCents, String destination, String key) {
    return balances
        .read(conn, userId)
        .compose(
            payables -> {
              if (amountCents > payables.availableCents()) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "insufficient_funds",
                        "You can withdraw up to "
                            + payables.availableCents()
                            + " cents now ("
                            + payables.pendingCents()
                            + " cents are still on hold)"));
              }
              long fromSeller = payables.fromSeller(amountCents);
              return conn.preparedQuery(
                      """
              INSERT INTO payouts (user_id, amount_cents, seller_cents, creator_cents, provider, destination, idempotency_key)
              VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING\s"""
                          + Payout.COLUMNS)
                  .execute(
                      Tuple.of(
                          userId,
                          amountCents,
                          fromSeller,
                          amountCents - fromSeller,
                          payments.name(),
                          destination,
                          key))
                  .map(rows -> Payout.of(rows.iterator().next()))
                  .compose(
                      payout ->
                          ledger
                              .post(conn, PayoutLedger.requested(payout))
                              .map(posted -> IdempotentResult.fresh(payout)));
            });
  }

  private Future<Payout> byKey(SqlConnection conn, long userId, String key) {
    return conn.preparedQuery(
            "SELECT "
                + Payout.COLUMNS
                + " FROM payouts WHERE user_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(userId, key))
        .map(Payouts::first);
  }

  /**
   * A page of payouts, newest first: the payee's own ({@code userId}), or everyone's for admins
   * (null).
   */
  public Future<JsonObject> list(
      @Nullable Long userId, String status, @Nullable Long before, int limit) {
    return db.query(
            "SELECT "
                + Payout.COLUMNS
                + " FROM payouts "
                + """
            WHERE ($1::bigint IS NULL OR user_id = $1) AND ($2::text IS NULL OR status = $2)
              AND ($3::bigint IS NULL OR id < $3)
            ORDER BY id DESC LIMIT $4""",
            Tuple.of(userId, status, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> Payout.of(row).toJson()));
  }

  /**
   * An admin approves: the payout is claimed ({@code processing}), the provider transfers it with
   * key {@code payout-<id>}, then it is marked paid with its ledger transaction. If the provider
   * cannot be reached it stays {@code processing} and approving again retries with the same key.
   */
  public Future<Payout> approve(long adminId, long payoutId) {
    return db.one(
            """
            UPDATE payouts SET status = 'processing', reviewed_by = $2, reviewed_at = COALESCE(reviewed_at, now()), updated_at = now()
            WHERE id = $1 AND status IN ('requested', 'processing') RETURNING\s"""
                + Payout.COLUMNS,
            Tuple.of(payoutId, adminId))
        .compose(
            row ->
                row == null
                    ? refuseState(payoutId, "approved")
                    : Future.succeededFuture(Payout.of(row)))
        .compose(
            payout ->
                payments
                    .transfer(
                        new TransferRequest(
                            payout.amountCents(),
                            "usd",
                            payout.destination(),
                            "payout-" + payout.id(),
                            "Showfloor payout #" + payout.id(),
                            Map.of(
                                "payoutId",
                                String.valueOf(payout.id()),
                                "userId",
                                String.valueOf(payout.userId()))))
                    .recover(e -> Future.failedFuture(PaymentDeclined.unavailable(e)))
                    .compose(result -> settle(payout, result)));
  }

  private Future<Payout> settle(Payout payout, TransferResult result) {
    return db.<Ended>tx(
            conn -> {
              if (result.succeeded()) {
                return conn.preparedQuery(
                        """
                UPDATE payouts SET status = 'paid', provider_transfer_id = $2, completed_at = now(), updated_at = now()
                WHERE id = $1 AND status = 'processing' RETURNING\s"""
                            + Payout.COLUMNS)
                    .execute(Tuple.of(payout.id(), result.transferId()))
                    .compose(rows -> postIfChanged(conn, rows, PayoutLedger::paid));
              }
              return conn.preparedQuery(
                      """
              UPDATE payouts SET status = 'failed', failure_reason = $2, completed_at = now(), updated_at = now()
              WHERE id = $1 AND status = 'processing' RETURNING\s"""
                          + Payout.COLUMNS)
                  .execute(Tuple.of(payout.id(), truncate(result.failureReason())))
                  .compose(rows -> postIfChanged(conn, rows, PayoutLedger::reversed));
            })
        .compose(ended -> ended != null ? Future.succeededFuture(told(ended)) : load(payout.id()));
  }

  /** An admin rejects a payout not yet sent: its money goes back to the payables. */
  public Future<Payout> reject(long adminId, long payoutId, String note) {
    return db.<Ended>tx(
            conn ->
                conn.preparedQuery(
                        """
                UPDATE payouts SET status = 'rejected', reviewed_by = $2, reviewed_at = now(), review_note = $3,
                       completed_at = now(), updated_at = now()
                WHERE id = $1 AND status = 'requested' RETURNING\s"""
                            + Payout.COLUMNS)
                    .execute(Tuple.of(payoutId, adminId, note))
                    .compose(rows -> postIfChanged(conn, rows, PayoutLedger::reversed)))
        .compose(
            ended ->
                ended != null
                    ? Future.succeededFuture(told(ended))
                    : refuseState(payoutId, "rejected"));
  }

  /** A payout that reached its end in this transaction, and the notification telling its payee. */
  private record Ended(Payout payout, Notification notice) {}

  private Future<Ended> postIfChanged(
      SqlConnection conn,
      RowSet<Row> rows,
      java.util.function.Function<Payout, io.showfloor.ledger.LedgerTransaction> tx) {
    Payout payout = first(rows);
    return payout == null
        ? Future.succeededFuture(null)
        : ledger
            .post(conn, tx.apply(payout))
            .compose(posted -> tell(conn, payout))
            .map(notice -> new Ended(payout, notice));
  }

  /**
   * Paid, failed or rejected: recorded and mailed in the change's transaction (a retry mails once).
   */
  private Future<Notification> tell(SqlConnection conn, Payout payout) {
    String amount = Money.dollars(payout.amountCents());
    String subject =
        switch (payout.status()) {
          case "paid" -> "Your payout of " + amount + " is on its way";
          case "rejected" -> "Your payout of " + amount + " was not approved";
          default -> "Your payout of " + amount + " could not be sent";
        };
    String why =
        "paid".equals(payout.status())
            ? null
            : "rejected".equals(payout.status()) ? payout.reviewNote() : payout.failureReason();
    String text =
        subject
            + ".\n\n"
            + (why == null || why.isBlank() ? "" : "Reason: " + why + "\n\n")
            + ("paid".equals(payout.status())
                ? "Payout #" + payout.id() + " has been sent to your account."
                : "The money is back in your available balance; you can request a payout again.")
            + "\n\nShowfloor\n";
    JsonObject data =
        new JsonObject()
            .put("payoutId", payout.id())
            .put("amountCents", payout.amountCents())
            .put("status", payout.status())
            .put("reason", why);
    return notices
        .mail(
            conn,
            payout.userId(),
            NotificationTopics.MONEY,
            subject,
            text,
            "payout-" + payout.status() + "-" + payout.id())
        .compose(v -> notices.add(conn, payout.userId(), "payout_" + payout.status(), data));
  }

  private Payout told(Ended ended) {
    notices.push(ended.notice());
    notices.sendMail();
    return ended.payout();
  }

  private <T> Future<T> refuseState(long payoutId, String verb) {
    return load(payoutId)
        .compose(
            payout ->
                Future.failedFuture(
                    payout == null
                        ? Refused.notFound("payout_not_found", "No payout " + payoutId)
                        : Refused.conflict(
                            "payout_state", "A " + payout.status() + " payout cannot be " + verb)));
  }

  private Future<Payout> load(long payoutId) {
    return db.one("SELECT " + Payout.COLUMNS + " FROM payouts WHERE id = $1", Tuple.of(payoutId))
        .map(row -> row == null ? null : Payout.of(row));
  }

  /** Registers (or replaces) the Stripe connected account the payee's transfers go to. */
  public Future<JsonObject> registerAccount(long userId, String stripeAccountId) {
    return db.query(
            """
            INSERT INTO payout_accounts (user_id, stripe_account_id) VALUES ($1, $2)
            ON CONFLICT (user_id) DO UPDATE SET stripe_account_id = EXCLUDED.stripe_account_id, updated_at = now()""",
            Tuple.of(userId, stripeAccountId))
        .map(
            done ->
                new JsonObject()
                    .put("connectedAccountId", stripeAccountId)
                    .put("provider", payments.name()));
  }

  private Future<String> connectedAccount(long userId) {
    return db.one(
            "SELECT stripe_account_id FROM payout_accounts WHERE user_id = $1", Tuple.of(userId))
        .map(row -> row == null ? null : row.getString("stripe_account_id"));
  }

  private static @Nullable Payout first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? Payout.of(rows.iterator().next()) : null;
  }

  private static String truncate(@Nullable String text) {
    return text == null
        ? "refused by the provider"
        : text.length() > 500 ? text.substring(0, 500) : text;
  }
}
