package io.showfloor.commerce.wallet;

import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentFingerprints;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.PaymentRequest;
import io.showfloor.commerce.payment.PaymentResult;
import io.showfloor.commerce.payment.PaymentStatus;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.market.cash.MarketHolds;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user's wallet: cash held by the platform for them (ledger account {@code user:<id>:cash}), of
 * which open market buy orders hold a part ({@link MarketHolds}: a reservation, not a movement).
 * Money comes in through deposits paid with the payment provider; the market and other domains move
 * it with their own ledger transactions.
 */
public final class Wallets {
  private static final int HISTORY_LINES = 20;
  private final Database db;
  private final EventPublisher events;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final MarketHolds marketHolds;

  public Wallets(
      Database db,
      EventPublisher events,
      Ledger ledger,
      PaymentProvider payments,
      MarketHolds marketHolds) {
    this.marketHolds = marketHolds;
    this.db = db;
    this.events = events;
    this.ledger = ledger;
    this.payments = payments;
  }

  public Future<JsonObject> wallet(long userId) {
    var pool = db.pool();
    Future<Long> cash = ledger.balance(pool, LedgerAccount.userCash(userId));
    Future<Long> held = marketHolds.heldCents(pool, userId);
    Future<java.util.List<Ledger.StatementLine>> history =
        ledger.statement(pool, LedgerAccount.userCash(userId), HISTORY_LINES);
    return Future.all(cash, held, history)
        .map(
            done -> {
              JsonArray lines = new JsonArray();
              history
                  .result()
                  .forEach(
                      line ->
                          lines.add(
                              new JsonObject()
                                  .put("amountCents", line.amountCents())
                                  .put("kind", line.kind())
                                  .put("reference", line.reference())
                                  .put("at", line.at().toString())));
              return new JsonObject()
                  .put("userId", userId)
                  .put("currency", "usd")
                  .put("availableCents", cash.result() - held.result())
                  .put("heldCents", held.result())
                  .put("balanceCents", cash.result())
                  .put("provider", payments.name())
                  .put("history", lines);
            });
  }

  /**
   * Deposits {@code amountCents} through the payment provider. With the sandbox (or a Stripe test
   * card given as {@code paymentMethodId}) it completes at once; otherwise the answer carries a
   * client secret and the Stripe webhook completes it.
   */
  public Future<IdempotentResult<Deposit>> deposit(
      long userId, long amountCents, String paymentMethodId, String idempotencyKey) {
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    return db.one(
            """
            INSERT INTO wallet_deposits (user_id, amount_cents, provider, idempotency_key) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id""",
            Tuple.of(userId, amountCents, payments.name(), key))
        .compose(
            row -> {
              if (row == null) {
                return replay(userId, key, amountCents);
              }
              long id = row.getLong("id");
              PaymentRequest request =
                  new PaymentRequest(
                      amountCents,
                      "usd",
                      paymentMethodId,
                      null,
                      false,
                      "deposit-" + id,
                      "Showfloor wallet deposit #" + id,
                      Map.of("kind", "deposit", "depositId", String.valueOf(id)));
              return payments
                  .pay(request)
                  .recover(e -> Future.failedFuture(PaymentDeclined.unavailable(e)))
                  .compose(result -> settle(id, userId, result))
                  .map(IdempotentResult::fresh);
            });
  }

  private Future<IdempotentResult<Deposit>> replay(long userId, String key, long amountCents) {
    return db.one(
            "SELECT * FROM wallet_deposits WHERE user_id = $1 AND idempotency_key = $2",
            Tuple.of(userId, key))
        .compose(
            row -> {
              if (row.getLong("amount_cents") != amountCents) {
                return Future.failedFuture(
                    Refused.conflict(
                        "idempotency_key_reused",
                        "This Idempotency-Key was used for a different deposit"));
              }
              if ("failed".equals(row.getString("status"))) {
                return Future.failedFuture(
                    new Refused(
                        Refused.Kind.PAYMENT_DECLINED,
                        "card_declined",
                        "This deposit was declined (" + row.getString("failure_code") + ")"));
              }
              return Future.succeededFuture(IdempotentResult.replayed(Deposit.of(row)));
            });
  }

  private Future<Deposit> settle(long id, long userId, PaymentResult result) {
    if (result.status() == PaymentStatus.SUCCEEDED) {
      return db.tx(
              conn ->
                  complete(conn, id, result.paymentId())
                      .compose(
                          credited ->
                              PaymentFingerprints.record(
                                      conn,
                                      userId,
                                      payments.name(),
                                      result.cardFingerprint(),
                                      null,
                                      "deposit")
                                  .map(credited)))
          .onSuccess(done -> announce(userId))
          .compose(done -> load(id));
    }
    if (result.status().pending()) {
      return db.query(
              """
              UPDATE wallet_deposits SET provider_payment_id = $2, client_secret = $3 WHERE id = $1 AND status = 'pending'""",
              Tuple.of(id, result.paymentId(), result.clientSecret()))
          .compose(done -> load(id));
    }
    return db.query(
            """
            UPDATE wallet_deposits SET status = 'failed', provider_payment_id = $2, failure_code = $3, completed_at = now()
            WHERE id = $1 AND status = 'pending'""",
            Tuple.of(id, result.paymentId(), result.failureCode()))
        .compose(done -> Future.failedFuture(PaymentDeclined.from(result)));
  }

  /**
   * Credits a paid deposit to the user's cash, once: the sync path and the webhook both call this
   * and only the first flips the status. Returns the user id when it credited, else null.
   */
  public Future<Long> complete(SqlConnection conn, long depositId, @Nullable String paymentId) {
    return conn.preparedQuery(
            """
            UPDATE wallet_deposits SET status = 'succeeded', provider_payment_id = COALESCE(provider_payment_id, $2),
                   completed_at = now(), failure_code = NULL
            WHERE id = $1 AND status <> 'succeeded' RETURNING user_id, amount_cents, provider""")
        .execute(Tuple.of(depositId, paymentId))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(null);
              }
              Row row = rows.iterator().next();
              long userId = row.getLong("user_id");
              LedgerTransaction tx =
                  LedgerTransaction.builder("deposit", "deposit:" + depositId)
                      .reference("deposit:" + depositId)
                      .debit(
                          LedgerAccount.providerClearing(row.getString("provider")),
                          row.getLong("amount_cents"))
                      .credit(LedgerAccount.userCash(userId), row.getLong("amount_cents"))
                      .build();
              return ledger.post(conn, tx).map(posted -> userId);
            });
  }

  /**
   * Marks a deposit failed after the provider said so later (webhook); a succeeded one stays
   * succeeded.
   */
  public Future<Boolean> fail(SqlConnection conn, long depositId, String failureCode) {
    return conn.preparedQuery(
            """
            UPDATE wallet_deposits SET status = 'failed', failure_code = $2, completed_at = now()
            WHERE id = $1 AND status = 'pending'""")
        .execute(Tuple.of(depositId, failureCode))
        .map(rows -> rows.rowCount() > 0);
  }

  public void announce(long userId) {
    wallet(userId).compose(w -> events.toUser(userId, "wallet.updated", w));
  }

  private Future<Deposit> load(long id) {
    return db.one("SELECT * FROM wallet_deposits WHERE id = $1", Tuple.of(id)).map(Deposit::of);
  }

  /** A deposit as the API shows it. */
  public record Deposit(
      long id,
      long userId,
      long amountCents,
      String status,
      String provider,
      String clientSecret,
      String createdAt) {
    static Deposit of(Row row) {
      return new Deposit(
          row.getLong("id"),
          row.getLong("user_id"),
          row.getLong("amount_cents"),
          row.getString("status"),
          row.getString("provider"),
          row.getString("client_secret"),
          row.getOffsetDateTime("created_at").toInstant().toString());
    }

    public JsonObject toJson() {
      JsonObject json =
          new JsonObject()
              .put("id", id)
              .put("amountCents", amountCents)
              .put("status", status)
              .put("provider", provider)
              .put("createdAt", createdAt);
      if (clientSecret != null && "pending".equals(status)) {
        json.put("clientSecret", clientSecret);
      }
      return json;
    }
  }
}
