package io.showfloor.commerce.wallet;

import io.showfloor.commerce.CommerceSettings;
import io.showfloor.commerce.Notices;
import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.StripePayments;
import io.showfloor.commerce.payment.TransferRequest;
import io.showfloor.commerce.payment.TransferResult;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.market.cash.MarketHolds;
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
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Withdrawals of wallet cash to the user's bank account. A request locks the user's cash account
 * row, reads what may be withdrawn, inserts the withdrawal and moves the money from the wallet to
 * {@code platform:payouts-in-transit} in one database transaction, so concurrent requests run one
 * after the other and the same cash is never paid out twice. The provider then sends it (the
 * sandbox at once; Stripe as a transfer to the user's connected account) and the withdrawal ends
 * {@code paid} or {@code failed} (the money goes back to the wallet), the user told in-app and by
 * mail.
 *
 * <p>Withdrawable = wallet cash less what open market buys hold ({@link MarketHolds}) minus card
 * deposits still inside {@code wallet.withdrawals.settlementHours} (a chargeback could still take
 * them back), within {@code minimumCents} and a rolling 24-hour {@code dailyLimitCents}.
 */
public final class Withdrawals implements io.showfloor.commerce.payment.BankPayouts {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Withdrawals.class);
  private final Database db;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final Notices notices;
  private final long minimumCents;
  private final long dailyLimitCents;
  private final int settlementHours;
  private final String publicUrl;
  private final MarketHolds marketHolds;

  /**
   * {@code publicUrl}: where Stripe's onboarding sends the user back to (the web app's wallet
   * page).
   */
  public Withdrawals(
      Database db,
      Ledger ledger,
      PaymentProvider payments,
      Notices notices,
      CommerceSettings.WithdrawalLimits limits,
      String publicUrl,
      MarketHolds marketHolds) {
    this.marketHolds = marketHolds;
    this.db = db;
    this.ledger = ledger;
    this.payments = payments;
    this.notices = notices;
    this.minimumCents = limits.minimumCents();
    this.dailyLimitCents = limits.dailyLimitCents();
    this.settlementHours = limits.settlementHours();
    this.publicUrl = publicUrl;
  }

  /**
   * What the user may withdraw now and why the rest may not be, as {@code GET /api/wallet} shows
   * it.
   */
  public Future<JsonObject> limits(long userId) {
    var pool = db.pool();
    Future<Long> balance = ledger.balance(pool, LedgerAccount.userCash(userId));
    Future<Long> held = marketHolds.heldCents(pool, userId);
    Future<Long> cash = Future.all(balance, held).map(both -> balance.result() - held.result());
    Future<Usage> usage = usage(pool, userId);
    Future<PayoutAccount> account = payoutAccount(userId);
    return Future.all(cash, usage, account)
        .map(
            done ->
                limitsJson(cash.result(), usage.result())
                    .put(
                        "payoutAccount",
                        account.result() == null ? null : account.result().toJson()));
  }

  private JsonObject limitsJson(long cash, Usage usage) {
    long settled = Math.max(0, cash - usage.unsettledCents());
    long dailyLeft = Math.max(0, dailyLimitCents - usage.last24hCents());
    return new JsonObject()
        .put("availableCents", Math.min(settled, dailyLeft))
        .put("unsettledDepositCents", Math.min(cash, usage.unsettledCents()))
        .put("settlementHours", settlementHours)
        .put("minimumCents", minimumCents)
        .put("dailyLimitCents", dailyLimitCents)
        .put("withdrawnLast24hCents", usage.last24hCents())
        .put("provider", payments.name());
  }

  /**
   * Card deposits still inside the settlement window, and what was withdrawn in the last 24 hours.
   */
  private record Usage(long unsettledCents, long last24hCents) {}

  private Future<Usage> usage(SqlClient client, long userId) {
    return client
        .preparedQuery(
            """
            SELECT COALESCE((SELECT SUM(amount_cents - refunded_cents) FROM wallet_deposits
                             WHERE user_id = $1 AND status = 'succeeded'
                               AND completed_at > now() - make_interval(hours => $2)), 0) AS unsettled,
                   COALESCE((SELECT SUM(amount_cents) FROM wallet_withdrawals
                             WHERE user_id = $1 AND status <> 'failed' AND created_at > now() - interval '24 hours'), 0) AS used""")
        .execute(Tuple.of(userId, settlementHours))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new Usage(row.getLong("unsettled"), row.getLong("used"));
            });
  }

  /**
   * Requests a withdrawal of {@code amountCents}; with the sandbox it is paid before this answers.
   * The same Idempotency-Key answers the same withdrawal (and finishes sending it if an earlier
   * attempt stopped half way).
   */
  public Future<IdempotentResult<Withdrawal>> request(
      long userId, long amountCents, String idempotencyKey) {
    if (idempotencyKey == null) {
      return Future.failedFuture(
          Refused.invalid(
              "idempotency_key_required",
              "A withdrawal needs an Idempotency-Key header, so a double submit cannot pay out twice"));
    }
    if (amountCents < minimumCents) {
      return Future.failedFuture(
          Refused.unprocessable(
              "below_minimum", "The smallest withdrawal is " + Money.dollars(minimumCents)));
    }
    return payoutAccount(userId)
        .compose(
            account -> {
              boolean stripe = StripePayments.NAME.equals(payments.name());
              if (account == null && stripe) {
                return Future.failedFuture(
                    Refused.conflict(
                        "payout_account_missing",
                        "Connect a bank account for payouts first (POST /api/wallet/payout-account)"));
              }
              if (account != null && stripe && Boolean.FALSE.equals(account.payoutsEnabled())) {
                return Future.failedFuture(
                    Refused.conflict(
                        "payout_account_not_ready",
                        "Stripe has not enabled payouts on your connected account yet: finish the onboarding"));
              }
              String destination = account == null ? null : account.accountId();
              return db.tx(
                  conn ->
                      ledger
                          .lockBalance(conn, LedgerAccount.userCash(userId))
                          // under the lock: a book commits new holds only under it too
                          .compose(
                              balance ->
                                  marketHolds.heldCents(conn, userId).map(held -> balance - held))
                          .compose(
                              cash ->
                                  byKey(conn, userId, idempotencyKey)
                                      .compose(
                                          existing ->
                                              existing != null
                                                  ? replay(existing, amountCents)
                                                  : create(
                                                      conn,
                                                      userId,
                                                      cash,
                                                      amountCents,
                                                      destination,
                                                      idempotencyKey))));
            })
        .compose(
            requested -> {
              Withdrawal w = requested.value();
              boolean unsent = "requested".equals(w.status()) || "processing".equals(w.status());
              return unsent
                  ? send(w).map(sent -> new IdempotentResult<>(sent, requested.replayed()))
                  : Future.succeededFuture(requested);
            });
  }

  private Future<IdempotentResult<Withdrawal>> replay(Withdrawal existing, long amountCents) {
    if (existing.amountCents() != amountCents) {
      return Future.failedFuture(
          Refused.conflict(
              "idempotency_key_reused",
              "This Idempotency-Key was used for a withdrawal of a different amount"));
    }
    return Future.succeededFuture(IdempotentResult.replayed(existing));
  }

  private Future<IdempotentResult<Withdrawal>> create(
      SqlConnection conn,
      long userId,
      long cash,
      long amountCents,
      @Nullable String destination,
      String key) {
    return usage(conn, userId)
        .compose(
            usage -> {
              long settled = Math.max(0, cash - usage.unsettledCents());
              if (amountCents > settled) {
                String held =
                    usage.unsettledCents() > 0 && cash > settled
                        ? " ("
                            + Money.dollars(Math.min(cash, usage.unsettledCents()))
                            + " from card deposits becomes withdrawable "
                            + settlementHours
                            + " hours after each deposit)"
                        : "";
                return Future.failedFuture(
                    Refused.unprocessable(
                        "insufficient_funds",
                        "You can withdraw up to " + Money.dollars(settled) + " now" + held));
              }
              if (usage.last24hCents() + amountCents > dailyLimitCents) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "daily_limit_exceeded",
                        "Withdrawals are limited to "
                            + Money.dollars(dailyLimitCents)
                            + " in 24 hours; "
                            + Money.dollars(Math.max(0, dailyLimitCents - usage.last24hCents()))
                            + " is left"));
              }
              return conn.preparedQuery(
                      """
              INSERT INTO wallet_withdrawals (user_id, amount_cents, provider, destination, idempotency_key)
              VALUES ($1, $2, $3, $4, $5) RETURNING\s"""
                          + Withdrawal.COLUMNS)
                  .execute(Tuple.of(userId, amountCents, payments.name(), destination, key))
                  .map(rows -> Withdrawal.of(rows.iterator().next()))
                  .compose(
                      w ->
                          ledger
                              .post(conn, WithdrawalLedger.requested(w))
                              .map(posted -> IdempotentResult.fresh(w)));
            });
  }

  /**
   * Claims the withdrawal ({@code processing}) and asks the provider to send it with key {@code
   * withdrawal-<id>}; if the provider cannot be reached it stays {@code processing} and a retry
   * with the same Idempotency-Key sends it again under the same provider key.
   */
  private Future<Withdrawal> send(Withdrawal requested) {
    return db.one(
            """
            UPDATE wallet_withdrawals SET status = 'processing', updated_at = now()
            WHERE id = $1 AND status IN ('requested', 'processing') RETURNING\s"""
                + Withdrawal.COLUMNS,
            Tuple.of(requested.id()))
        .compose(
            row -> {
              if (row == null) {
                return load(requested.id()); // another attempt finished it meanwhile
              }
              Withdrawal w = Withdrawal.of(row);
              return payments
                  .transfer(
                      new TransferRequest(
                          w.amountCents(),
                          "usd",
                          w.destination(),
                          "withdrawal-" + w.id(),
                          "Showfloor wallet withdrawal #" + w.id(),
                          Map.of(
                              "kind",
                              "withdrawal",
                              "withdrawalId",
                              String.valueOf(w.id()),
                              "userId",
                              String.valueOf(w.userId()))))
                  .recover(e -> Future.failedFuture(PaymentDeclined.unavailable(e)))
                  .compose(
                      result ->
                          result.succeeded() && w.destination() != null
                              ? toBank(w, result)
                              : settle(w, result));
            });
  }

  /**
   * Stripe: the transfer put the money on the user's connected account; a payout from there to the
   * bank (key {@code withdrawal-<id>-payout}) is made and the withdrawal stays {@code processing}
   * until {@code payout.paid} / {@code payout.failed} ({@link #ended}). A failure to reach Stripe
   * leaves it {@code processing}: a retry repeats both calls under the same keys.
   */
  private Future<Withdrawal> toBank(Withdrawal w, TransferResult transfer) {
    return db.query(
            "UPDATE wallet_withdrawals SET provider_transfer_id = $2, updated_at = now() WHERE id = $1",
            Tuple.of(w.id(), transfer.transferId()))
        .compose(
            v ->
                payments
                    .bankPayout(
                        w.destination(),
                        w.amountCents(),
                        "usd",
                        Map.of("kind", "withdrawal", "withdrawalId", String.valueOf(w.id())),
                        "withdrawal-" + w.id() + "-payout")
                    .recover(e -> Future.failedFuture(PaymentDeclined.unavailable(e))))
        .compose(
            payoutId ->
                payoutId == null
                    ? settle(w, transfer)
                    : db.one(
                            """
                UPDATE wallet_withdrawals SET provider_payout_id = $2, updated_at = now()
                WHERE id = $1 AND status = 'processing' RETURNING\s"""
                                + Withdrawal.COLUMNS,
                            Tuple.of(w.id(), payoutId))
                        .compose(
                            row ->
                                row == null
                                    ? load(w.id())
                                    : Future.succeededFuture(Withdrawal.of(row))));
  }

  /**
   * A bank payout of a connected account ended (webhook, in its transaction): paid posts {@code
   * withdrawal:<id>:paid}; failed posts {@code withdrawal:<id>:reversed} (the cash is back in the
   * wallet) and, after the commit, takes the transfer back from the connected account.
   */
  @Override
  public Future<io.showfloor.commerce.payment.PaymentSubject.Outcome> ended(
      SqlConnection conn, JsonObject payout, boolean paid) {
    String payoutId = payout.getString("id");
    JsonObject metadata = payout.getJsonObject("metadata", new JsonObject());
    long byMetadata =
        "withdrawal".equals(metadata.getString("kind"))
            ? parseId(metadata.getString("withdrawalId"))
            : -1;
    String reason =
        payout.getString(
            "failure_message", payout.getString("failure_code", "the bank refused the payout"));
    String set = paid ? "status = 'paid'" : "status = 'failed', failure_reason = $3";
    Tuple args =
        paid ? Tuple.of(payoutId, byMetadata) : Tuple.of(payoutId, byMetadata, truncate(reason));
    return conn.preparedQuery(
            "UPDATE wallet_withdrawals SET "
                + set
                + """
            , provider_payout_id = COALESCE(provider_payout_id, $1), completed_at = now(), updated_at = now()
            WHERE (provider_payout_id = $1 OR (provider_payout_id IS NULL AND id = $2)) AND status = 'processing'
            RETURNING\s"""
                + Withdrawal.COLUMNS)
        .execute(args)
        .compose(
            rows ->
                postIfChanged(
                    conn, rows, paid ? WithdrawalLedger::paid : WithdrawalLedger::reversed))
        .map(
            done -> {
              if (done == null) {
                return io.showfloor.commerce.payment.PaymentSubject.Outcome.of(
                    "ignored: no withdrawal waits for payout " + payoutId);
              }
              Withdrawal w = done.withdrawal();
              return io.showfloor.commerce.payment.PaymentSubject.Outcome.of(
                  "withdrawal " + w.id() + " " + w.status(),
                  () -> {
                    notices.push(done.notice());
                    notices.sendMail();
                    if (!paid && w.transferId() != null) {
                      payments
                          .reverseTransfer(w.transferId(), "withdrawal-" + w.id() + "-reversal")
                          .onFailure(
                              e ->
                                  LOG.error(
                                      "needs review: transfer {} of withdrawal {} was not taken back from {}",
                                      w.transferId(),
                                      w.id(),
                                      w.destination(),
                                      e));
                    }
                  });
            });
  }

  private static long parseId(String text) {
    try {
      return text == null ? -1 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private Future<Withdrawal> settle(Withdrawal w, TransferResult result) {
    return db.<Ended>tx(
            conn ->
                result.succeeded()
                    ? conn.preparedQuery(
                            """
                    UPDATE wallet_withdrawals SET status = 'paid', provider_transfer_id = $2, completed_at = now(), updated_at = now()
                    WHERE id = $1 AND status = 'processing' RETURNING\s"""
                                + Withdrawal.COLUMNS)
                        .execute(Tuple.of(w.id(), result.transferId()))
                        .compose(rows -> postIfChanged(conn, rows, WithdrawalLedger::paid))
                    : conn.preparedQuery(
                            """
                    UPDATE wallet_withdrawals SET status = 'failed', failure_reason = $2, completed_at = now(), updated_at = now()
                    WHERE id = $1 AND status = 'processing' RETURNING\s"""
                                + Withdrawal.COLUMNS)
                        .execute(Tuple.of(w.id(), truncate(result.failureReason())))
                        .compose(rows -> postIfChanged(conn, rows, WithdrawalLedger::reversed)))
        .compose(
            ended -> {
              if (ended == null) {
                return load(w.id());
              }
              notices.push(ended.notice());
              notices.sendMail();
              return Future.succeededFuture(ended.withdrawal());
            });
  }

  /**
   * A withdrawal that reached its end in this transaction, and the notification telling its user.
   */
  private record Ended(Withdrawal withdrawal, Notification notice) {}

  private Future<Ended> postIfChanged(
      SqlConnection conn,
      RowSet<Row> rows,
      Function<Withdrawal, io.showfloor.ledger.LedgerTransaction> tx) {
    if (!rows.iterator().hasNext()) {
      return Future.succeededFuture(null);
    }
    Withdrawal w = Withdrawal.of(rows.iterator().next());
    return ledger
        .post(conn, tx.apply(w))
        .compose(posted -> tell(conn, w))
        .map(notice -> new Ended(w, notice));
  }

  /**
   * Paid or failed: recorded and mailed in the change's transaction (the mail's dedupe key sends it
   * once).
   */
  private Future<Notification> tell(SqlConnection conn, Withdrawal w) {
    String amount = Money.dollars(w.amountCents());
    boolean paid = "paid".equals(w.status());
    String subject =
        paid
            ? "Your withdrawal of " + amount + " is on its way"
            : "Your withdrawal of " + amount + " could not be sent";
    String sandbox =
        "sandbox".equals(w.provider())
            ? "\n\n(Sandbox: this Showfloor runs without a payment provider, so no real money was moved.)"
            : "";
    String text =
        subject
            + ".\n\n"
            + (paid
                ? "Withdrawal #" + w.id() + " has been sent to your bank account." + sandbox
                : "Reason: " + w.failureReason() + "\n\nThe money is back in your wallet.")
            + "\n\nShowfloor\n";
    JsonObject data =
        new JsonObject()
            .put("withdrawalId", w.id())
            .put("amountCents", w.amountCents())
            .put("status", w.status())
            .put("provider", w.provider())
            .put("reason", w.failureReason());
    return notices
        .mail(
            conn,
            w.userId(),
            NotificationTopics.MONEY,
            subject,
            text,
            "withdrawal-" + w.status() + "-" + w.id())
        .compose(v -> notices.add(conn, w.userId(), "withdrawal_" + w.status(), data));
  }

  /** The user's withdrawals, newest first, a keyset page at a time. */
  public Future<JsonObject> list(long userId, @Nullable Long before, int limit) {
    return db.query(
            "SELECT "
                + Withdrawal.COLUMNS
                + " FROM wallet_withdrawals "
                + """
            WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3""",
            Tuple.of(userId, before, limit + 1))
        .map(rows -> KeysetPage.of(rows, limit, row -> Withdrawal.of(row).toJson()));
  }

  private Future<Withdrawal> byKey(SqlConnection conn, long userId, String key) {
    return conn.preparedQuery(
            "SELECT "
                + Withdrawal.COLUMNS
                + " FROM wallet_withdrawals WHERE user_id = $1 AND idempotency_key = $2")
        .execute(Tuple.of(userId, key))
        .map(rows -> rows.iterator().hasNext() ? Withdrawal.of(rows.iterator().next()) : null);
  }

  private Future<Withdrawal> load(long id) {
    return db.one(
            "SELECT " + Withdrawal.COLUMNS + " FROM wallet_withdrawals WHERE id = $1", Tuple.of(id))
        .map(Withdrawal::of);
  }

  /** The Stripe connected account withdrawals go to (the one seller payouts use too). */
  private record PayoutAccount(String accountId, Boolean payoutsEnabled) {
    JsonObject toJson() {
      return new JsonObject()
          .put("connectedAccountId", accountId)
          .put("payoutsEnabled", payoutsEnabled);
    }
  }

  private Future<PayoutAccount> payoutAccount(long userId) {
    return db.one(
            "SELECT stripe_account_id, payouts_enabled FROM payout_accounts WHERE user_id = $1",
            Tuple.of(userId))
        .map(
            row ->
                row == null
                    ? null
                    : new PayoutAccount(
                        row.getString("stripe_account_id"), row.getBoolean("payouts_enabled")));
  }

  /**
   * Stripe Connect Express onboarding: creates the user's connected account once (Stripe key {@code
   * connect-account-<userId>}), then answers a fresh one-time account link. Payouts are enabled
   * when Stripe's {@code account.updated} webhook says so (PaymentEvents).
   */
  public Future<JsonObject> onboard(long userId) {
    String base = publicUrl;
    return payoutAccount(userId)
        .compose(
            existing ->
                existing != null
                    ? Future.succeededFuture(existing)
                    : db.one("SELECT email FROM user_directory WHERE id = $1", Tuple.of(userId))
                        .compose(
                            user ->
                                payments
                                    .createConnectedAccount(
                                        userId,
                                        user.getString("email"),
                                        "connect-account-" + userId)
                                    .recover(Withdrawals::providerFailure))
                        .compose(
                            accountId ->
                                db.query(
                                    """
                        INSERT INTO payout_accounts (user_id, stripe_account_id, payouts_enabled) VALUES ($1, $2, false)
                        ON CONFLICT (user_id) DO NOTHING""",
                                    Tuple.of(userId, accountId)))
                        .compose(done -> payoutAccount(userId)))
        .compose(
            account ->
                payments
                    .onboardingLink(
                        account.accountId(),
                        base + "/wallet?onboarding=retry",
                        base + "/wallet?onboarding=done")
                    .recover(Withdrawals::providerFailure)
                    .map(url -> account.toJson().put("url", url).put("provider", payments.name())));
  }

  /** Our own refusals pass through; anything else means the provider could not be reached. */
  private static <T> Future<T> providerFailure(Throwable e) {
    return Future.failedFuture(e instanceof Refused ? e : PaymentDeclined.unavailable(e));
  }

  private static String truncate(@Nullable String text) {
    return text == null
        ? "refused by the provider"
        : text.length() > 500 ? text.substring(0, 500) : text;
  }
}
