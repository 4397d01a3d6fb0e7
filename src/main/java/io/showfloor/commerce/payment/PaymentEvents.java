package io.showfloor.commerce.payment;

import io.showfloor.commerce.payment.PaymentSubject.Outcome;
import io.showfloor.commerce.payment.StripeWebhooks.WebhookEvent;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies verified provider events exactly once. The event id is inserted in the same database
 * transaction as its effect, so a redelivery (or fifty concurrent ones) waits for the first and
 * then finds the id taken. Order does not matter: every effect is a forward-only state change, and
 * an event that implies an earlier one (a refund of a payment we have not yet seen succeed) applies
 * the earlier one first.
 */
public final class PaymentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentEvents.class);
  private final Database db;
  private final Ledger ledger;
  private final String provider;
  private final Map<String, PaymentSubject> subjects;
  private final SavedCards cards;
  private final @Nullable BankPayouts bankPayouts;
  private @Nullable DisputeEvents disputes;
  private final Map<String, WebhookRoute> routes = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, WebhookRoute> paymentKinds =
      new java.util.concurrent.ConcurrentHashMap<>();

  public PaymentEvents(
      Database db,
      Ledger ledger,
      String provider,
      List<PaymentSubject> subjects,
      SavedCards cards) {
    this(db, ledger, provider, subjects, cards, null);
  }

  public PaymentEvents(
      Database db,
      Ledger ledger,
      String provider,
      List<PaymentSubject> subjects,
      SavedCards cards,
      @Nullable BankPayouts bankPayouts) {
    this.bankPayouts = bankPayouts;
    this.db = db;
    this.ledger = ledger;
    this.provider = provider;
    this.cards = cards;
    this.subjects =
        subjects.stream().collect(Collectors.toMap(PaymentSubject::kind, Function.identity()));
  }

  /**
   * Hands card disputes (created and closed) to buyer protection, which holds and settles the
   * seller's money.
   */
  public PaymentEvents handleDisputes(DisputeEvents disputes) {
    this.disputes = disputes;
    return this;
  }

  /** Hands the route's event types (another domain's) to it, inside the same exactly-once step. */
  public PaymentEvents route(WebhookRoute route) {
    route.types().forEach(type -> routes.put(type, route));
    return this;
  }

  /**
   * Hands the succeeded payments whose {@code metadata.kind} is {@code kind} (another domain's
   * payments, e.g. a tournament entry) to the route, inside the same exactly-once step.
   */
  public PaymentEvents routePayments(String kind, WebhookRoute route) {
    paymentKinds.put(kind, route);
    return this;
  }

  /** The result of one delivery, as the webhook answers it. */
  public record Applied(
      String eventId, boolean duplicate, String outcome, List<Runnable> afterCommit) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("received", true)
          .put("eventId", eventId)
          .put("duplicate", duplicate)
          .put("outcome", outcome);
    }
  }

  public Future<Applied> apply(WebhookEvent event) {
    return db.tx(
            conn ->
                conn.preparedQuery(
                        """
                INSERT INTO payment_webhook_events (event_id, provider, type, object_id, created, outcome)
                VALUES ($1, $2, $3, $4, $5, 'applying') ON CONFLICT (event_id) DO NOTHING""")
                    .execute(
                        Tuple.of(
                            event.id(),
                            provider,
                            event.type(),
                            event.objectId(),
                            OffsetDateTime.ofInstant(event.created(), ZoneOffset.UTC)))
                    .compose(
                        inserted -> {
                          if (inserted.rowCount() == 0) {
                            return Future.succeededFuture(
                                new Applied(event.id(), true, "already applied", List.of()));
                          }
                          return dispatch(conn, event)
                              .compose(
                                  outcome ->
                                      conn.preparedQuery(
                                              "UPDATE payment_webhook_events SET outcome = $2 WHERE event_id = $1")
                                          .execute(Tuple.of(event.id(), outcome.description()))
                                          .map(
                                              v ->
                                                  new Applied(
                                                      event.id(),
                                                      false,
                                                      outcome.description(),
                                                      outcome.afterCommit())));
                        }))
        .onSuccess(
            applied -> PostCommit.run("webhook " + applied.eventId(), applied.afterCommit()));
  }

  private Future<Outcome> dispatch(SqlConnection conn, WebhookEvent event) {
    JsonObject object = event.object();
    WebhookRoute byKind = paymentKinds.get(kindOf(event));
    if (byKind != null && "payment_intent.succeeded".equals(event.type())) {
      return byKind.apply(conn, event);
    }
    return switch (event.type()) {
      case "payment_intent.succeeded" ->
          subjectOf(conn, event, object.getString("id"))
              .compose(
                  target ->
                      target == null
                          ? ignored("not our payment")
                          : target.subject().succeeded(conn, target.id(), object.getString("id")));
      case "payment_intent.payment_failed" ->
          subjectOf(conn, event, object.getString("id"))
              .compose(
                  target ->
                      target == null
                          ? ignored("not our payment")
                          : target
                              .subject()
                              .failed(
                                  conn, target.id(), object.getString("id"), failureCode(object)));
      case "charge.refunded" ->
          subjectOf(conn, event, object.getString("payment_intent"))
              .compose(
                  target -> {
                    if (target == null) {
                      return ignored("not our payment");
                    }
                    String paymentId = object.getString("payment_intent");
                    // a refund implies the payment succeeded: apply that first if its event is late
                    Future<Outcome> paid =
                        Boolean.TRUE.equals(object.getBoolean("paid"))
                            ? target.subject().succeeded(conn, target.id(), paymentId)
                            : Future.succeededFuture(Outcome.of(""));
                    return paid.compose(
                        p ->
                            target
                                .subject()
                                .refunded(
                                    conn,
                                    target.id(),
                                    paymentId,
                                    object.getLong("amount_refunded", 0L))
                                .map(r -> merge(p, r)));
                  });
      case "charge.dispute.created", "charge.dispute.closed" ->
          subjectOf(conn, event, object.getString("payment_intent"))
              .compose(
                  target ->
                      target == null
                          ? ignored("not our payment")
                          : dispute(conn, event.type(), target, object));
      case "setup_intent.succeeded", "setup_intent.setup_failed" ->
          cards
              .confirmed(
                  conn,
                  object.getString("id"),
                  object.getValue("payment_method") instanceof JsonObject pm
                      ? pm.getString("id")
                      : object.getString("payment_method"),
                  "setup_intent.succeeded".equals(event.type()))
              .map(Outcome::of);
      case "account.updated" -> connectedAccountUpdated(conn, object);
      case "payout.paid", "payout.failed" ->
          bankPayouts == null
              ? ignored("no bank payouts here")
              : bankPayouts.ended(conn, object, "payout.paid".equals(event.type()));
      default -> {
        WebhookRoute route = routes.get(event.type());
        yield route == null ? ignored("event type not used") : route.apply(conn, event);
      }
    };
  }

  private Future<Outcome> dispute(
      SqlConnection conn, String type, Target target, JsonObject dispute) {
    DisputeEvents handler = disputes;
    if (handler == null) {
      return "charge.dispute.created".equals(type)
          ? disputed(conn, target, dispute)
          : ignored("dispute outcomes not handled here");
    }
    return "charge.dispute.created".equals(type)
        ? handler.opened(conn, target.subject().kind(), target.id(), dispute)
        : handler.closed(conn, target.subject().kind(), target.id(), dispute);
  }

  private Future<Outcome> disputed(SqlConnection conn, Target target, JsonObject dispute) {
    long amount = dispute.getLong("amount", 0L);
    String paymentId = dispute.getString("payment_intent");
    // the provider takes the disputed amount out of our balance until the dispute is decided
    Future<?> posted =
        amount <= 0
            ? Future.succeededFuture()
            : ledger.post(
                conn,
                LedgerTransaction.builder("dispute", "dispute:" + dispute.getString("id"))
                    .reference(target.subject().kind() + ":" + target.id())
                    .memo(
                        "dispute "
                            + dispute.getString("id")
                            + " on "
                            + paymentId
                            + " ("
                            + dispute.getString("reason")
                            + ")")
                    .debit(LedgerAccount.disputes(provider), amount)
                    .credit(LedgerAccount.providerClearing(provider), amount)
                    .build());
    return posted.compose(v -> target.subject().disputed(conn, target.id(), paymentId, amount));
  }

  /**
   * Stripe Connect onboarding finished (or was undone): withdrawals may go to the account when
   * payouts are enabled.
   */
  private static Future<Outcome> connectedAccountUpdated(SqlConnection conn, JsonObject account) {
    boolean enabled = Boolean.TRUE.equals(account.getBoolean("payouts_enabled"));
    return conn.preparedQuery(
            """
            UPDATE payout_accounts SET payouts_enabled = $2, updated_at = now() WHERE stripe_account_id = $1""")
        .execute(Tuple.of(account.getString("id"), enabled))
        .map(
            rows ->
                Outcome.of(
                    rows.rowCount() == 0
                        ? "ignored: not our connected account"
                        : "account "
                            + account.getString("id")
                            + " payouts "
                            + (enabled ? "enabled" : "disabled")));
  }

  private static Outcome merge(Outcome first, Outcome second) {
    List<Runnable> after = new java.util.ArrayList<>(first.afterCommit());
    after.addAll(second.afterCommit());
    String text =
        first.description().isEmpty()
            ? second.description()
            : first.description() + "; " + second.description();
    return new Outcome(text, after);
  }

  private static Future<Outcome> ignored(String why) {
    return Future.succeededFuture(Outcome.of("ignored: " + why));
  }

  private static String kindOf(WebhookEvent event) {
    String kind = event.metadata("kind");
    return kind == null ? "" : kind;
  }

  private static String failureCode(JsonObject intent) {
    JsonObject error = intent.getJsonObject("last_payment_error");
    if (error == null) {
      return "payment_failed";
    }
    return error.getString("decline_code", error.getString("code", "payment_failed"));
  }

  private record Target(PaymentSubject subject, long id) {}

  /**
   * Finds what a payment was for: by its metadata when the event carries it, else by payment id.
   */
  private Future<Target> subjectOf(SqlConnection conn, WebhookEvent event, String paymentId) {
    String kind = event.metadata("kind");
    PaymentSubject byKind = kind == null ? null : subjects.get(kind);
    String idText = byKind == null ? null : event.metadata(kind + "Id");
    if (byKind != null && idText != null && idText.matches("\\d{1,18}")) {
      return Future.succeededFuture(new Target(byKind, Long.parseLong(idText)));
    }
    if (paymentId == null) {
      return Future.succeededFuture(null);
    }
    Future<Target> found = Future.succeededFuture(null);
    for (PaymentSubject subject : subjects.values()) {
      found =
          found.compose(
              t ->
                  t != null
                      ? Future.succeededFuture(t)
                      : subject
                          .findByPayment(conn, paymentId)
                          .map(id -> id == null ? null : new Target(subject, id)));
    }
    return found.onSuccess(
        t -> {
          if (t == null) {
            LOG.info(
                "Webhook {} {} is about payment {} which is not ours",
                event.type(),
                event.id(),
                paymentId);
          }
        });
  }
}
