package io.showfloor.subscription;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.subscription.rules.BillingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Subscribing, cancelling and resuming: in-app on the sandbox (charged at once, renewed by the
 * sweep), through Stripe Checkout and the customer portal when Stripe is configured. Every change
 * commits with its ledger posting, then every node's {@link PlanCache} forgets the user.
 */
final class SubscriptionService {
  static final String SANDBOX = "sandbox";
  private final Database db;
  private final Ledger ledger;
  private final SubscriptionSettings settings;
  private final PlanCache cache;
  private final @Nullable StripeBilling stripe;

  SubscriptionService(
      Database db,
      Ledger ledger,
      SubscriptionSettings settings,
      PlanCache cache,
      @Nullable StripeBilling stripe) {
    this.db = db;
    this.ledger = ledger;
    this.settings = settings;
    this.cache = cache;
    this.stripe = stripe;
  }

  Duration renewal() {
    return Duration.ofDays(settings.graceDays());
  }

  /** The plans, the caller's plan and billing state, and how billing works on this node. */
  Future<JsonObject> view(long userId) {
    return db.one(SubscriptionSql.BY_USER, Tuple.of(userId))
        .map(
            row -> {
              JsonObject subscription =
                  row == null ? null : Subscription.from(row).toJson(renewal(), Instant.now());
              return new JsonObject()
                  .put("plan", subscription == null ? "free" : subscription.getString("plan"))
                  .put("billing", stripe == null ? SANDBOX : "stripe")
                  .put("currency", settings.currency())
                  .put("periodDays", settings.periodDays())
                  .put("graceDays", settings.graceDays())
                  .put(
                      "plans",
                      new io.vertx.core.json.JsonArray()
                          .add(settings.free().toJson())
                          .add(settings.pro().toJson()))
                  .put("subscription", subscription);
            });
  }

  /** Sandbox: Pro at once, the first period charged and posted to the ledger. */
  Future<JsonObject> subscribe(long userId) {
    if (stripe != null) {
      return Future.failedFuture(
          Refused.conflict(
              "checkout_required", "Subscribe through Stripe Checkout on this server"));
    }
    Instant periodEnd = Instant.now().plus(Duration.ofDays(settings.periodDays()));
    return db.tx(
            conn ->
                lock(conn, userId)
                    .compose(
                        current -> {
                          if (current != null && current.status().live()) {
                            return Future.failedFuture(
                                Refused.conflict("already_subscribed", "You already have Pro"));
                          }
                          return conn.preparedQuery(SubscriptionSql.START_SANDBOX)
                              .execute(
                                  Tuple.of(userId, settings.pro().priceCents(), utc(periodEnd)))
                              .compose(v -> history(conn, userId, "started", "subscribed"))
                              .compose(
                                  v ->
                                      chargeSandbox(
                                          conn, userId, settings.pro().priceCents(), periodEnd));
                        }))
        .compose(v -> changed(userId));
  }

  /** Cancel at period end: Pro stays until then, and may be resumed before. */
  Future<JsonObject> cancel(long userId) {
    return setCancel(userId, true);
  }

  Future<JsonObject> resume(long userId) {
    return setCancel(userId, false);
  }

  private Future<JsonObject> setCancel(long userId, boolean cancel) {
    if (stripe != null) {
      return Future.failedFuture(
          Refused.conflict(
              "use_billing_portal", "Cancel or resume Pro in the Stripe customer portal"));
    }
    return db.tx(
            conn ->
                lock(conn, userId)
                    .compose(
                        current -> {
                          if (current == null || !current.status().live()) {
                            return Future.failedFuture(
                                Refused.conflict("not_subscribed", "You do not have Pro"));
                          }
                          if (current.cancelAtPeriodEnd() == cancel) {
                            return Future.failedFuture(
                                cancel
                                    ? Refused.conflict(
                                        "already_cancelled",
                                        "Pro already ends at the end of this period")
                                    : Refused.conflict(
                                        "not_cancelled",
                                        "Pro is not set to end; nothing to resume"));
                          }
                          return conn.preparedQuery(SubscriptionSql.SET_CANCEL)
                              .execute(Tuple.of(userId, cancel))
                              .mapEmpty();
                        }))
        .compose(v -> changed(userId));
  }

  /** Stripe: a Checkout Session in subscription mode; the browser goes to its url. */
  Future<JsonObject> checkout(long userId) {
    StripeBilling billing = stripe;
    if (billing == null) {
      return Future.failedFuture(
          Refused.conflict(
              "stripe_not_configured", "This server bills in the sandbox: subscribe in-app"));
    }
    return db.one(SubscriptionSql.BY_USER, Tuple.of(userId))
        .compose(
            row -> {
              Subscription current = row == null ? null : Subscription.from(row);
              if (current != null && current.status().live()) {
                return Future.failedFuture(
                    Refused.conflict("already_subscribed", "You already have Pro"));
              }
              String known = current == null ? null : current.stripeCustomerId();
              return known != null
                  ? Future.succeededFuture(known)
                  : db.one(SubscriptionSql.USER_EMAIL, Tuple.of(userId))
                      .compose(email -> billing.customer(userId, email.getString("email")));
            })
        .compose(
            customer ->
                db.query(
                        SubscriptionSql.AWAIT_CHECKOUT,
                        Tuple.of(userId, settings.pro().priceCents(), customer))
                    .compose(
                        rows ->
                            rows.rowCount() == 0
                                ? Future.failedFuture(
                                    Refused.conflict("already_subscribed", "You already have Pro"))
                                : billing.checkout(userId, customer)));
  }

  /** Stripe: a customer-portal link for a subscriber to manage or cancel Pro. */
  Future<JsonObject> portal(long userId) {
    StripeBilling billing = stripe;
    if (billing == null) {
      return Future.failedFuture(
          Refused.conflict(
              "stripe_not_configured", "This server bills in the sandbox: cancel in-app"));
    }
    return db.one(SubscriptionSql.BY_USER, Tuple.of(userId))
        .compose(
            row -> {
              String customer = row == null ? null : row.getString("stripe_customer_id");
              if (customer == null) {
                return Future.failedFuture(
                    Refused.conflict("not_subscribed", "You have no Stripe billing yet"));
              }
              return billing.portal(customer);
            });
  }

  // ---- the sweep: period ends and grace periods, on whichever node gets the rows first ----

  /** One pass; answers how many subscriptions changed. */
  Future<Integer> sweep() {
    return db.query(SubscriptionSql.SANDBOX_DUE, Tuple.tuple())
        .compose(rows -> each(rows, this::sandboxPeriodEnded))
        .compose(
            renewed ->
                db.query(SubscriptionSql.STRIPE_CANCELLED_DUE, Tuple.tuple())
                    .compose(rows -> each(rows, id -> end(id, BillingStatus.CANCELLED)))
                    .map(n -> n + renewed))
        .compose(
            done ->
                db.query(SubscriptionSql.GRACE_OVER, Tuple.tuple())
                    .compose(rows -> each(rows, id -> end(id, BillingStatus.EXPIRED)))
                    .map(n -> n + done));
  }

  private interface Step {
    Future<Boolean> apply(long userId);
  }

  private static Future<Integer> each(Iterable<Row> rows, Step step) {
    Future<Integer> count = Future.succeededFuture(0);
    for (Row row : rows) {
      long userId = row.getLong("user_id");
      count = count.compose(n -> step.apply(userId).map(changed -> changed ? n + 1 : n));
    }
    return count;
  }

  /** A sandbox period is over: renewed and charged, or ended when cancelled. */
  private Future<Boolean> sandboxPeriodEnded(long userId) {
    return db.tx(
            conn ->
                lock(conn, userId)
                    .compose(
                        current -> {
                          Instant end = current == null ? null : current.currentPeriodEnd();
                          if (current == null
                              || current.status() != BillingStatus.ACTIVE
                              || end == null
                              || end.isAfter(Instant.now())) {
                            return Future.succeededFuture(false);
                          }
                          if (current.cancelAtPeriodEnd()) {
                            return endIn(conn, userId, BillingStatus.CANCELLED);
                          }
                          Instant next = end.plus(Duration.ofDays(settings.periodDays()));
                          return conn.preparedQuery(SubscriptionSql.RENEW_SANDBOX)
                              .execute(Tuple.of(userId, utc(next), utc(end)))
                              .compose(v -> chargeSandbox(conn, userId, current.priceCents(), next))
                              .map(true);
                        }))
        .compose(changed -> changed ? changed(userId).map(true) : Future.succeededFuture(false));
  }

  private Future<Boolean> end(long userId, BillingStatus status) {
    return db.tx(conn -> endIn(conn, userId, status))
        .compose(changed -> changed ? changed(userId).map(true) : Future.succeededFuture(false));
  }

  private Future<Boolean> endIn(SqlConnection conn, long userId, BillingStatus status) {
    return conn.preparedQuery(SubscriptionSql.END)
        .execute(Tuple.of(userId, status.dbName()))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.succeededFuture(false)
                    : history(conn, userId, "ended", status.dbName()).map(true));
  }

  // ---- shared with the Stripe events ----

  static Future<@Nullable Subscription> lock(SqlConnection conn, long userId) {
    return conn.preparedQuery(SubscriptionSql.LOCK_BY_USER)
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : Subscription.from(rows.iterator().next()));
  }

  static Future<Void> history(SqlConnection conn, long userId, String kind, String reason) {
    return conn.preparedQuery(SubscriptionSql.HISTORY)
        .execute(Tuple.of(userId, kind, reason))
        .mapEmpty();
  }

  /** A sandbox charge for the period ending at {@code periodEnd}, recorded and posted. */
  private Future<Void> chargeSandbox(
      SqlConnection conn, long userId, long cents, Instant periodEnd) {
    String invoice = "sandbox:" + userId + ":" + java.util.UUID.randomUUID();
    return paid(conn, userId, invoice, SANDBOX, cents, periodEnd, SANDBOX).mapEmpty();
  }

  /**
   * Records a paid invoice; the first time it is paid, the charge is posted: the provider holds the
   * money, the platform has earned it.
   */
  Future<Boolean> paid(
      SqlConnection conn,
      long userId,
      String invoiceId,
      String subscriptionRef,
      long cents,
      @Nullable Instant periodEnd,
      String provider) {
    return conn.preparedQuery(SubscriptionSql.INVOICE_PAID)
        .execute(
            Tuple.of(
                invoiceId,
                userId,
                cents,
                periodEnd == null ? null : utc(periodEnd),
                subscriptionRef))
        .compose(
            rows -> {
              if (rows.rowCount() == 0) {
                return Future.succeededFuture(false);
              }
              if (cents == 0) {
                return Future.succeededFuture(true);
              }
              return ledger
                  .post(
                      conn,
                      LedgerTransaction.builder(
                              "subscription_charge", "subscription-invoice:" + invoiceId)
                          .reference("subscription:" + userId)
                          .memo("Pro, invoice " + invoiceId)
                          .debit(LedgerAccount.providerClearing(provider), cents)
                          .credit(LedgerAccount.subscriptionRevenue(), cents)
                          .build())
                  .map(true);
            });
  }

  /** After a commit: every node forgets the user's plan; the answer is the new state. */
  Future<JsonObject> changed(long userId) {
    cache.announce(userId);
    return view(userId);
  }

  static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
