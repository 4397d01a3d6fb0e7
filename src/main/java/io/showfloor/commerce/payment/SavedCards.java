package io.showfloor.commerce.payment;

import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Cards saved for off-session charges (a won lot is charged the moment it closes): a customer
 * record at the provider per user, and a SetupIntent per card. With a payment method given (a
 * Stripe test id) the card is ready at once; otherwise the answer carries a client secret and the
 * {@code setup_intent.succeeded} webhook makes it ready.
 */
public final class SavedCards {
  private static final String COLUMNS =
      "id, provider, setup_id, payment_method_id, status, brand, last4, is_default, created_at";
  private final Database db;
  private final PaymentProvider payments;

  public SavedCards(Database db, PaymentProvider payments) {
    this.db = db;
    this.payments = payments;
  }

  /**
   * The card to charge off-session: the customer and payment method, or null when the user saved
   * none.
   */
  public record Card(String customerId, String paymentMethodId) {}

  public Future<Card> defaultCard(long userId) {
    return db.one(
            """
            SELECT c.customer_id, s.payment_method_id FROM saved_cards s
            JOIN payment_customers c ON c.user_id = s.user_id AND c.provider = s.provider
            WHERE s.user_id = $1 AND s.provider = $2 AND s.status = 'ready'
            ORDER BY s.is_default DESC, s.id DESC LIMIT 1""",
            Tuple.of(userId, payments.name()))
        .map(
            row ->
                row == null
                    ? null
                    : new Card(row.getString("customer_id"), row.getString("payment_method_id")));
  }

  /** For shows that require a saved card to bid. */
  public Future<Boolean> hasReadyCard(long userId) {
    return defaultCard(userId).map(card -> card != null);
  }

  /**
   * Saves a card on the user's customer at the provider (made on first use, with the user's email).
   */
  public Future<JsonObject> save(long userId, String paymentMethodId, String idempotencyKey) {
    String key =
        idempotencyKey != null
            ? "card-setup-" + userId + "-" + idempotencyKey
            : "card-setup-" + UUID.randomUUID();
    return db.one("SELECT email FROM user_directory WHERE id = $1", Tuple.of(userId))
        .compose(user -> customer(userId, user.getString("email")))
        .compose(customer -> payments.setUpCard(customer, paymentMethodId, key))
        .recover(
            e -> Future.failedFuture(e instanceof Refused ? e : PaymentDeclined.unavailable(e)))
        .compose(
            setup -> {
              if (setup.setupId() == null || (!setup.ready() && paymentMethodId != null)) {
                return Future.failedFuture(
                    new Refused(
                        Refused.Kind.PAYMENT_DECLINED,
                        "card_declined",
                        "This card cannot be saved"));
              }
              return db.one(
                      """
                  INSERT INTO saved_cards (user_id, provider, setup_id, payment_method_id, status, brand, last4, is_default)
                  VALUES ($1, $2, $3, $4, $5, $6, $7,
                          $5 = 'ready' AND NOT EXISTS (SELECT 1 FROM saved_cards WHERE user_id = $1 AND is_default AND status = 'ready'))
                  ON CONFLICT (setup_id) DO UPDATE SET setup_id = EXCLUDED.setup_id RETURNING\s"""
                          + COLUMNS,
                      Tuple.of(
                          userId,
                          payments.name(),
                          setup.setupId(),
                          setup.paymentMethodId(),
                          setup.ready() ? "ready" : "pending",
                          setup.brand(),
                          setup.last4()))
                  .compose(
                      row ->
                          (setup.ready()
                                  ? PaymentFingerprints.record(
                                      db.pool(),
                                      userId,
                                      payments.name(),
                                      setup.fingerprint(),
                                      setup.paymentMethodId(),
                                      "saved_card")
                                  : Future.<Void>succeededFuture())
                              .map(
                                  v ->
                                      json(row)
                                          .put(
                                              "clientSecret",
                                              setup.ready() ? null : setup.clientSecret())));
            });
  }

  private Future<String> customer(long userId, String email) {
    return db.one(
            "SELECT customer_id FROM payment_customers WHERE user_id = $1 AND provider = $2",
            Tuple.of(userId, payments.name()))
        .compose(
            row ->
                row != null
                    ? Future.succeededFuture(row.getString("customer_id"))
                    // the key makes a retry (or a race of two first saves) create one customer at
                    // the provider
                    : payments
                        .createCustomer(userId, email, "customer-" + userId)
                        .compose(
                            id ->
                                db.query(
                                        """
                        INSERT INTO payment_customers (user_id, provider, customer_id) VALUES ($1, $2, $3)
                        ON CONFLICT (user_id, provider) DO NOTHING""",
                                        Tuple.of(userId, payments.name(), id))
                                    .compose(
                                        v ->
                                            db.one(
                                                "SELECT customer_id FROM payment_customers WHERE user_id = $1 AND provider = $2",
                                                Tuple.of(userId, payments.name())))
                                    .map(r -> r.getString("customer_id"))));
  }

  public Future<JsonArray> list(long userId) {
    return db.query(
            "SELECT "
                + COLUMNS
                + " FROM saved_cards WHERE user_id = $1 AND status IN ('ready', 'pending') ORDER BY id",
            Tuple.of(userId))
        .map(
            rows -> {
              JsonArray list = new JsonArray();
              rows.forEach(r -> list.add(json(r)));
              return list;
            });
  }

  public Future<Void> remove(long userId, long id) {
    return db.query(
            "UPDATE saved_cards SET status = 'removed', is_default = false WHERE id = $1 AND user_id = $2 AND status <> 'removed'",
            Tuple.of(id, userId))
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.failedFuture(Refused.notFound("card_not_found", "No saved card " + id))
                    : Future.succeededFuture());
  }

  /** The provider confirmed a SetupIntent (webhook): the card can now be charged off-session. */
  public Future<String> confirmed(
      SqlConnection conn, String setupId, String paymentMethodId, boolean succeeded) {
    return conn.preparedQuery(
            """
            UPDATE saved_cards SET status = $3, payment_method_id = COALESCE($2, payment_method_id),
                   is_default = $3 = 'ready' AND NOT EXISTS (SELECT 1 FROM saved_cards o WHERE o.user_id = saved_cards.user_id
                                                          AND o.is_default AND o.status = 'ready')
            WHERE setup_id = $1 AND status = 'pending' RETURNING id""")
        .execute(Tuple.of(setupId, paymentMethodId, succeeded ? "ready" : "failed"))
        .map(
            rows ->
                rows.rowCount() == 0
                    ? "ignored: no pending card for " + setupId
                    : "card "
                        + rows.iterator().next().getLong("id")
                        + (succeeded ? " ready" : " failed"));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("provider", row.getString("provider"))
        .put("status", row.getString("status"))
        .put("brand", row.getString("brand"))
        .put("last4", row.getString("last4"))
        .put("isDefault", row.getBoolean("is_default"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }
}
