package io.showfloor.subscription;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.showfloor.commerce.payment.StripeWebhooks.WebhookEvent;
import io.showfloor.commerce.payment.WebhookRoute;
import io.showfloor.subscription.rules.BillingStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stripe Billing's events, delivered on the commerce webhook endpoint inside the transaction that
 * records the event id (so each applies once). Each event is turned into facts (started, a period
 * end, the cancel flag as of the event's time, an invoice paid or failed, deleted) and the status
 * is recomputed from all facts so far ({@link BillingStatus#with}): any delivery order ends in the
 * same state. Events about customers we did not create are ignored.
 */
final class StripeSubscriptionEvents implements WebhookRoute {
  static final String PROVIDER = "stripe";
  private final SubscriptionService service;
  private final PlanCache cache;
  private final Duration grace;

  StripeSubscriptionEvents(SubscriptionService service, PlanCache cache, int graceDays) {
    this.service = service;
    this.cache = cache;
    this.grace = Duration.ofDays(graceDays);
  }

  @Override
  public Set<String> types() {
    return Set.of(
        "checkout.session.completed",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "invoice.paid",
        "invoice.payment_failed");
  }

  /** What one event says. */
  private record Facts(
      @Nullable String subscriptionId,
      boolean starts,
      @Nullable Instant periodEnd,
      @Nullable Boolean cancelAtPeriodEnd,
      boolean deleted,
      @Nullable Invoice invoice) {}

  private record Invoice(String id, boolean paid, long cents, @Nullable Instant periodEnd) {}

  @Override
  public Future<Outcome> apply(SqlConnection conn, WebhookEvent event) {
    JsonObject object = event.object();
    String customer = object.getString("customer");
    if (customer == null) {
      return ignored("no customer");
    }
    Facts facts = facts(event.type(), object);
    if (facts == null) {
      return ignored("not a subscription");
    }
    return conn.preparedQuery(SubscriptionSql.LOCK_BY_CUSTOMER)
        .execute(Tuple.of(customer))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return ignored("not our customer");
              }
              Subscription current = Subscription.from(rows.iterator().next());
              String known = current.stripeSubscriptionId();
              if (known != null
                  && facts.subscriptionId() != null
                  && !known.equals(facts.subscriptionId())) {
                return ignored("an earlier subscription of the customer");
              }
              return applyTo(conn, current, facts, event.created());
            });
  }

  private Future<Outcome> applyTo(
      SqlConnection conn, Subscription current, Facts facts, Instant eventAt) {
    long userId = current.userId();
    String subscriptionId =
        current.stripeSubscriptionId() != null
            ? current.stripeSubscriptionId()
            : facts.subscriptionId();
    String ref = subscriptionId == null ? "" : subscriptionId;
    Invoice invoice = facts.invoice();
    Future<Boolean> recorded =
        invoice == null
            ? Future.succeededFuture(false)
            : invoice.paid()
                ? service.paid(
                    conn, userId, invoice.id(), ref, invoice.cents(), invoice.periodEnd(), PROVIDER)
                : conn.preparedQuery(SubscriptionSql.INVOICE_FAILED)
                    .execute(
                        Tuple.of(
                            invoice.id(),
                            userId,
                            invoice.cents(),
                            invoice.periodEnd() == null
                                ? null
                                : SubscriptionService.utc(invoice.periodEnd()),
                            ref))
                    .map(r -> r.rowCount() > 0);
    return recorded
        .compose(v -> conn.preparedQuery(SubscriptionSql.SNAPSHOT_AT).execute(Tuple.of(userId)))
        .compose(
            snapshotRows -> {
              var snapshotAtValue = snapshotRows.iterator().next().getOffsetDateTime("snapshot_at");
              Instant snapshotAt = snapshotAtValue == null ? null : snapshotAtValue.toInstant();
              return conn.preparedQuery(SubscriptionSql.UNPAID_FAILURES)
                  .execute(Tuple.of(userId, ref))
                  .compose(
                      unpaid -> {
                        var row = unpaid.iterator().next();
                        boolean failing = row.getLong("n") > 0;
                        var since = row.getOffsetDateTime("since");
                        return save(
                            conn,
                            current,
                            facts,
                            eventAt,
                            snapshotAt,
                            subscriptionId,
                            failing,
                            since == null ? null : since.toInstant());
                      });
            });
  }

  private Future<Outcome> save(
      SqlConnection conn,
      Subscription current,
      Facts facts,
      Instant eventAt,
      @Nullable Instant snapshotAt,
      @Nullable String subscriptionId,
      boolean failing,
      @Nullable Instant failingSince) {
    long userId = current.userId();
    boolean started = current.startedAt() != null || facts.starts();
    BillingStatus status = current.status().with(started, failing, facts.deleted());
    Instant periodEnd = later(current.currentPeriodEnd(), facts.periodEnd());
    boolean cancel = current.cancelAtPeriodEnd();
    Instant snapshot = snapshotAt;
    Boolean cancelFlag = facts.cancelAtPeriodEnd();
    // only the newest subscription snapshot says whether it ends at period end
    if (cancelFlag != null && (snapshotAt == null || !eventAt.isBefore(snapshotAt))) {
      cancel = cancelFlag;
      snapshot = eventAt;
    }
    Instant now = Instant.now();
    Instant graceUntil =
        status == BillingStatus.PAST_DUE
            ? (failingSince == null ? now : failingSince).plus(grace)
            : null;
    Instant startedAt = current.startedAt() != null ? current.startedAt() : started ? now : null;
    boolean ends = status.ended() && !current.status().ended();
    Instant endedAt = ends ? now : current.endedAt();
    boolean starts = current.startedAt() == null && started;
    Future<Void> history =
        starts
            ? SubscriptionService.history(conn, userId, "started", "subscribed")
            : Future.succeededFuture();
    if (ends) {
      history = history.compose(v -> SubscriptionService.history(conn, userId, "ended", "deleted"));
    }
    Tuple args =
        Tuple.of(
                userId,
                status.dbName(),
                subscriptionId,
                utcOrNull(periodEnd),
                cancel,
                utcOrNull(snapshot),
                utcOrNull(graceUntil),
                utcOrNull(startedAt),
                utcOrNull(endedAt))
            .addLong(current.priceCents());
    return history
        .compose(v -> conn.preparedQuery(SubscriptionSql.SAVE).execute(args))
        .map(
            v ->
                Outcome.of(
                    "subscription of user " + userId + " " + status.dbName(),
                    () -> cache.announce(userId)));
  }

  private static @Nullable Facts facts(String type, JsonObject object) {
    return switch (type) {
      case "checkout.session.completed" ->
          "subscription".equals(object.getString("mode"))
              ? new Facts(object.getString("subscription"), true, null, null, false, null)
              : null;
      case "customer.subscription.updated", "customer.subscription.deleted" -> {
        boolean deleted = type.endsWith("deleted");
        String status = object.getString("status", "");
        boolean live = "active".equals(status) || "trialing".equals(status);
        yield new Facts(
            object.getString("id"),
            live,
            seconds(subscriptionPeriodEnd(object)),
            deleted ? null : object.getBoolean("cancel_at_period_end", false),
            deleted,
            null);
      }
      case "invoice.paid", "invoice.payment_failed" -> {
        boolean paid = "invoice.paid".equals(type);
        Instant periodEnd = seconds(invoicePeriodEnd(object));
        yield new Facts(
            invoiceSubscription(object),
            paid,
            paid ? periodEnd : null,
            null,
            false,
            new Invoice(
                object.getString("id"),
                paid,
                object.getLong(paid ? "amount_paid" : "amount_due", 0L),
                periodEnd));
      }
      default -> null;
    };
  }

  /** Newer API versions moved the period end from the subscription onto its items. */
  private static @Nullable Long subscriptionPeriodEnd(JsonObject subscription) {
    Long top = subscription.getLong("current_period_end");
    if (top != null) {
      return top;
    }
    JsonObject items = subscription.getJsonObject("items");
    JsonArray data = items == null ? null : items.getJsonArray("data");
    return data == null || data.isEmpty()
        ? null
        : data.getJsonObject(0).getLong("current_period_end");
  }

  /** The end of the period an invoice pays for: its subscription line's period. */
  private static @Nullable Long invoicePeriodEnd(JsonObject invoice) {
    JsonObject lines = invoice.getJsonObject("lines");
    JsonArray data = lines == null ? null : lines.getJsonArray("data");
    if (data != null && !data.isEmpty()) {
      JsonObject period = data.getJsonObject(0).getJsonObject("period");
      if (period != null && period.getLong("end") != null) {
        return period.getLong("end");
      }
    }
    return invoice.getLong("period_end");
  }

  /** {@code subscription} on older API versions, {@code parent.subscription_details} on newer. */
  private static @Nullable String invoiceSubscription(JsonObject invoice) {
    Object top = invoice.getValue("subscription");
    if (top instanceof String id) {
      return id;
    }
    JsonObject parent = invoice.getJsonObject("parent");
    JsonObject details = parent == null ? null : parent.getJsonObject("subscription_details");
    return details == null ? null : details.getString("subscription");
  }

  private static @Nullable Instant seconds(@Nullable Long epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }

  private static java.time.@Nullable OffsetDateTime utcOrNull(@Nullable Instant at) {
    return at == null ? null : SubscriptionService.utc(at);
  }

  private static Future<Outcome> ignored(String why) {
    return Future.succeededFuture(Outcome.of("ignored: " + why));
  }
}
