package io.showfloor.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the Stripe HTTP API, enough for stripe-java to create and confirm
 * PaymentIntents, refund them, create customers and SetupIntents, and make Connect transfers. It
 * answers with Stripe's JSON shapes and status codes (402 card_error for declines, 400
 * invalid_request_error), replays answers for a repeated Idempotency-Key as Stripe does, and
 * records every call. It also builds and signs webhook events the way Stripe does ({@code
 * Stripe-Signature: t=…,v1=HMAC-SHA256}).
 */
public final class StripeFake implements AutoCloseable {
  public static final String SECRET_KEY = "sk_test_fake_showfloor";

  /** What the node hands the browser for Stripe.js (GET /api/payments/config). */
  public static final String PUBLISHABLE_KEY = "pk_test_fake_showfloor";

  public static final String WEBHOOK_SECRET = "whsec_test_showfloor_fake_secret";
  private static final List<String> GOOD_CARDS =
      List.of("pm_card_visa", "pm_card_mastercard", "pm_card_amex");

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  // shared by every fake in the JVM: a fake started later must not hand out ids the database
  // already holds
  private static final AtomicLong IDS = new AtomicLong(1000);
  private final Map<String, JsonObject> intents = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> charges = new ConcurrentHashMap<>();
  private final Map<String, Reply> idempotent = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /** One request stripe-java made. */
  public record Call(
      String method, String path, String idempotencyKey, Map<String, String> params) {}

  private record Reply(int status, JsonObject body) {}

  private final String host;

  public StripeFake() {
    this("127.0.0.1");
  }

  /**
   * A fake listening on another local address (one a node inside a test network namespace can
   * reach).
   */
  public StripeFake(String host) {
    this.host = host;
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, host).await();
  }

  public String apiBase() {
    return "http://" + host + ":" + server.actualPort();
  }

  public List<Call> calls() {
    return calls;
  }

  public JsonObject intent(String id) {
    return intents.get(id);
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              Reply reply;
              String auth = request.getHeader("Authorization");
              Map<String, String> params = form(body.toString(StandardCharsets.UTF_8));
              if (request.query() != null) {
                params.putAll(form(request.query()));
              }
              String key = request.getHeader("Idempotency-Key");
              if (request.getHeader("Stripe-Account") != null) {
                params.put(
                    "header:Stripe-Account",
                    request.getHeader("Stripe-Account")); // a call made on a connected account
              }
              calls.add(new Call(request.method().name(), request.path(), key, params));
              if (auth == null || !auth.equals("Bearer " + SECRET_KEY)) {
                reply =
                    error(
                        401,
                        "invalid_request_error",
                        "api_key_invalid",
                        null,
                        "Invalid API Key provided");
              } else if (key != null && request.method().name().equals("POST")) {
                reply =
                    idempotent.computeIfAbsent(
                        request.path() + "|" + key,
                        k -> route(request.method().name(), request.path(), params));
              } else {
                reply = route(request.method().name(), request.path(), params);
              }
              request
                  .response()
                  .setStatusCode(reply.status())
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Request-Id", "req_" + IDS.incrementAndGet())
                  .end(reply.body().encode());
            });
  }

  private synchronized Reply route(String method, String path, Map<String, String> params) {
    String[] parts = path.split("/");
    if (method.equals("POST") && path.equals("/v1/payment_intents")) {
      return createIntent(params);
    }
    if (parts.length >= 4 && parts[2].equals("payment_intents")) {
      JsonObject intent = intents.get(parts[3]);
      if (intent == null) {
        return error(
            404,
            "invalid_request_error",
            "resource_missing",
            "intent",
            "No such payment_intent: '" + parts[3] + "'");
      }
      if (method.equals("GET") && parts.length == 4) {
        return new Reply(200, intent.copy());
      }
      if (method.equals("POST") && parts.length == 5 && parts[4].equals("confirm")) {
        return confirm(
            intent, params.getOrDefault("payment_method", intent.getString("payment_method")));
      }
    }
    if (method.equals("POST") && path.equals("/v1/refunds")) {
      return refund(params);
    }
    if (method.equals("POST") && path.equals("/v1/customers")) {
      return new Reply(
          200,
          new JsonObject()
              .put("id", "cus_" + IDS.incrementAndGet())
              .put("object", "customer")
              .put("email", params.get("email"))
              .put("created", now())
              .put("livemode", false)
              .put("metadata", metadata(params)));
    }
    if (method.equals("POST") && path.equals("/v1/setup_intents")) {
      return setupIntent(params);
    }
    if (method.equals("POST") && path.equals("/v1/transfers")) {
      return transfer(params);
    }
    if (method.equals("POST") && path.equals("/v1/payouts")) {
      return new Reply(
          200,
          new JsonObject()
              .put("id", "po_" + IDS.incrementAndGet())
              .put("object", "payout")
              .put("amount", Long.parseLong(params.get("amount")))
              .put("currency", params.getOrDefault("currency", "usd"))
              .put("status", "pending")
              .put("metadata", metadata(params))
              .put("created", now())
              .put("livemode", false));
    }
    if (method.equals("POST")
        && parts.length == 5
        && parts[2].equals("transfers")
        && parts[4].equals("reversals")) {
      return new Reply(
          200,
          new JsonObject()
              .put("id", "trr_" + IDS.incrementAndGet())
              .put("object", "transfer_reversal")
              .put("transfer", parts[3])
              .put("created", now()));
    }
    if (method.equals("POST") && path.equals("/v1/accounts")) {
      return new Reply(
          200,
          new JsonObject()
              .put("id", "acct_1Fake" + IDS.incrementAndGet())
              .put("object", "account")
              .put("type", params.get("type"))
              .put("email", params.get("email"))
              .put("payouts_enabled", false)
              .put("charges_enabled", false)
              .put("details_submitted", false)
              .put("metadata", metadata(params))
              .put("created", now()));
    }
    if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
      String id = "cs_test_" + IDS.incrementAndGet();
      return new Reply(
          200,
          new JsonObject()
              .put("id", id)
              .put("object", "checkout.session")
              .put("mode", params.get("mode"))
              .put("customer", params.get("customer"))
              .put("client_reference_id", params.get("client_reference_id"))
              .put("success_url", params.get("success_url"))
              .put("cancel_url", params.get("cancel_url"))
              .put("status", "open")
              .put("url", "https://checkout.stripe.com/c/pay/" + id)
              .put("created", now())
              .put("livemode", false));
    }
    if (method.equals("POST") && path.equals("/v1/billing_portal/sessions")) {
      String id = "bps_" + IDS.incrementAndGet();
      return new Reply(
          200,
          new JsonObject()
              .put("id", id)
              .put("object", "billing_portal.session")
              .put("customer", params.get("customer"))
              .put("return_url", params.get("return_url"))
              .put("url", "https://billing.stripe.com/p/session/" + id)
              .put("created", now())
              .put("livemode", false));
    }
    if (method.equals("POST") && path.equals("/v1/account_links")) {
      return new Reply(
          200,
          new JsonObject()
              .put("object", "account_link")
              .put("created", now())
              .put("expires_at", now() + 300)
              .put(
                  "url",
                  "https://connect.stripe.com/setup/e/"
                      + params.get("account")
                      + "/"
                      + IDS.incrementAndGet()));
    }
    return error(
        404,
        "invalid_request_error",
        "resource_missing",
        null,
        "Unrecognized request URL (" + method + ": " + path + ")");
  }

  private Reply createIntent(Map<String, String> params) {
    String id = "pi_" + IDS.incrementAndGet();
    JsonObject intent =
        new JsonObject()
            .put("id", id)
            .put("object", "payment_intent")
            .put("amount", Long.parseLong(params.get("amount")))
            .put("amount_received", 0)
            .put("currency", params.getOrDefault("currency", "usd"))
            .put("status", "requires_payment_method")
            .put("client_secret", id + "_secret_" + IDS.incrementAndGet())
            .put("customer", params.get("customer"))
            .put("description", params.get("description"))
            .put("payment_method", params.get("payment_method"))
            .put("metadata", metadata(params))
            .put("created", now())
            .put("livemode", false)
            .putNull("latest_charge")
            .putNull("last_payment_error");
    intents.put(id, intent);
    if ("true".equals(params.get("confirm")) && params.get("payment_method") != null) {
      return confirm(intent, params.get("payment_method"));
    }
    return new Reply(200, intent.copy());
  }

  private Reply confirm(JsonObject intent, String method) {
    if (method == null) {
      return error(
          400,
          "invalid_request_error",
          "payment_intent_unexpected_state",
          "payment_method",
          "You cannot confirm this PaymentIntent because it's missing a payment method.");
    }
    intent.put("payment_method", method);
    if (GOOD_CARDS.contains(method) || method.startsWith("pm_saved_")) {
      succeed(intent);
      return new Reply(200, intent.copy());
    }
    if (method.startsWith("pm_card_chargeDeclined")) {
      String decline =
          method.equals("pm_card_chargeDeclinedInsufficientFunds")
              ? "insufficient_funds"
              : "generic_decline";
      JsonObject lastError =
          new JsonObject()
              .put("type", "card_error")
              .put("code", "card_declined")
              .put("decline_code", decline)
              .put("message", "Your card was declined.");
      intent.put("status", "requires_payment_method").put("last_payment_error", lastError);
      JsonObject err =
          lastError
              .copy()
              .put("payment_intent", intent.copy())
              .put("doc_url", "https://stripe.com/docs/error-codes/card-declined");
      return new Reply(402, new JsonObject().put("error", err));
    }
    if (method.equals("pm_card_authenticationRequired")) {
      intent
          .put("status", "requires_action")
          .put("next_action", new JsonObject().put("type", "use_stripe_sdk"));
      return new Reply(200, intent.copy());
    }
    return error(
        400,
        "invalid_request_error",
        "resource_missing",
        "payment_method",
        "No such PaymentMethod: '" + method + "'");
  }

  private void succeed(JsonObject intent) {
    String chargeId = "ch_" + IDS.incrementAndGet();
    intent
        .put("status", "succeeded")
        .put("amount_received", intent.getLong("amount"))
        .put("latest_charge", chargeId)
        .putNull("last_payment_error");
    charges.put(
        chargeId,
        new JsonObject()
            .put("id", chargeId)
            .put("object", "charge")
            .put("amount", intent.getLong("amount"))
            .put("amount_captured", intent.getLong("amount"))
            .put("amount_refunded", 0)
            .put("currency", intent.getString("currency"))
            .put("paid", true)
            .put("captured", true)
            .put("refunded", false)
            .put("status", "succeeded")
            .put("payment_intent", intent.getString("id"))
            .put("payment_method", intent.getString("payment_method"))
            .put("metadata", intent.getJsonObject("metadata").copy())
            .put("created", now())
            .put("livemode", false));
  }

  private Reply refund(Map<String, String> params) {
    JsonObject intent = intents.get(params.get("payment_intent"));
    if (intent == null || intent.getString("latest_charge") == null) {
      return error(
          400,
          "invalid_request_error",
          "resource_missing",
          "payment_intent",
          "No such payment_intent: '" + params.get("payment_intent") + "'");
    }
    JsonObject charge = charges.get(intent.getString("latest_charge"));
    long remaining = charge.getLong("amount") - charge.getLong("amount_refunded");
    long amount = params.containsKey("amount") ? Long.parseLong(params.get("amount")) : remaining;
    if (amount > remaining) {
      return error(
          400,
          "invalid_request_error",
          "amount_too_large",
          "amount",
          "Refund amount ($"
              + amount / 100.0
              + ") is greater than unrefunded amount on charge ($"
              + remaining / 100.0
              + ")");
    }
    charge
        .put("amount_refunded", charge.getLong("amount_refunded") + amount)
        .put("refunded", charge.getLong("amount_refunded") + amount == charge.getLong("amount"));
    return new Reply(
        200,
        new JsonObject()
            .put("id", "re_" + IDS.incrementAndGet())
            .put("object", "refund")
            .put("amount", amount)
            .put("charge", charge.getString("id"))
            .put("payment_intent", intent.getString("id"))
            .put("currency", charge.getString("currency"))
            .put("status", "succeeded")
            .put("reason", params.get("reason"))
            .put("metadata", metadata(params))
            .put("created", now()));
  }

  private Reply setupIntent(Map<String, String> params) {
    String id = "seti_" + IDS.incrementAndGet();
    String method = params.get("payment_method");
    JsonObject setup =
        new JsonObject()
            .put("id", id)
            .put("object", "setup_intent")
            .put("customer", params.get("customer"))
            .put("usage", params.getOrDefault("usage", "off_session"))
            .put("client_secret", id + "_secret_" + IDS.incrementAndGet())
            .put("created", now())
            .put("livemode", false)
            .put("metadata", metadata(params));
    if ("true".equals(params.get("confirm")) && method != null && GOOD_CARDS.contains(method)) {
      String brand = method.replace("pm_card_", "");
      setup
          .put("status", "succeeded")
          .put(
              "payment_method",
              new JsonObject()
                  .put("id", "pm_saved_" + IDS.incrementAndGet())
                  .put("object", "payment_method")
                  .put("type", "card")
                  .put("customer", params.get("customer"))
                  .put(
                      "card",
                      new JsonObject()
                          .put("brand", brand)
                          .put("last4", brand.equals("amex") ? "8431" : "4242")
                          .put("exp_month", 12)
                          .put("exp_year", 2034)));
    } else {
      setup.put("status", "requires_payment_method").putNull("payment_method");
    }
    return new Reply(200, setup);
  }

  /**
   * A Connect transfer to {@code destination}. Connected accounts whose id contains "Unknown" do
   * not exist, as Stripe answers for an account that is not connected to the platform.
   */
  private Reply transfer(Map<String, String> params) {
    String destination = params.get("destination");
    if (destination == null
        || !destination.startsWith("acct_")
        || destination.contains("Unknown")) {
      return error(
          400,
          "invalid_request_error",
          "resource_missing",
          "destination",
          "No such destination: '" + destination + "'");
    }
    return new Reply(
        200,
        new JsonObject()
            .put("id", "tr_" + IDS.incrementAndGet())
            .put("object", "transfer")
            .put("amount", Long.parseLong(params.get("amount")))
            .put("amount_reversed", 0)
            .put("currency", params.getOrDefault("currency", "usd"))
            .put("destination", destination)
            .put("description", params.get("description"))
            .put("reversed", false)
            .put("metadata", metadata(params))
            .put("created", now())
            .put("livemode", false));
  }

  // ---- what happens outside our server: the browser confirms, support refunds in the dashboard
  // ----

  /**
   * The browser confirmed the PaymentIntent with a good card (Stripe.js); returns the charge id.
   */
  public synchronized String confirmInBrowser(String intentId) {
    JsonObject intent = intents.get(intentId);
    intent.put("payment_method", "pm_card_visa");
    succeed(intent);
    return intent.getString("latest_charge");
  }

  /** A refund made outside Showfloor (the Stripe dashboard). */
  public synchronized JsonObject refundInDashboard(String intentId, long amountCents) {
    Reply reply = refund(Map.of("payment_intent", intentId, "amount", String.valueOf(amountCents)));
    if (reply.status() != 200) {
      throw new IllegalStateException(reply.body().encode());
    }
    return charge(intentId);
  }

  public synchronized JsonObject charge(String intentId) {
    return charges.get(intents.get(intentId).getString("latest_charge")).copy();
  }

  // ---- webhooks ----

  /** An event as Stripe sends it, with {@code data.object} = object. */
  public JsonObject event(String type, JsonObject object) {
    return new JsonObject()
        .put("id", "evt_" + IDS.incrementAndGet())
        .put("object", "event")
        .put("api_version", com.stripe.Stripe.API_VERSION)
        .put("created", now())
        .put("type", type)
        .put("livemode", false)
        .put("pending_webhooks", 1)
        .put("request", new JsonObject().putNull("id").putNull("idempotency_key"))
        .put("data", new JsonObject().put("object", object));
  }

  /** An event as Stripe sends it, made at {@code createdEpochSeconds}. */
  public JsonObject eventAt(String type, JsonObject object, long createdEpochSeconds) {
    return event(type, object).put("created", createdEpochSeconds);
  }

  public JsonObject dispute(String intentId, long amountCents) {
    JsonObject charge = charge(intentId);
    return new JsonObject()
        .put("id", "dp_" + IDS.incrementAndGet())
        .put("object", "dispute")
        .put("amount", amountCents)
        .put("currency", "usd")
        .put("charge", charge.getString("id"))
        .put("payment_intent", intentId)
        .put("reason", "fraudulent")
        .put("status", "needs_response")
        .put("created", now())
        .put("livemode", false);
  }

  /** {@code Stripe-Signature} for a payload signed at {@code timestamp} with {@code secret}. */
  public static String signature(String payload, String secret, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String signature(String payload) {
    return signature(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond());
  }

  // ---- helpers ----

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static JsonObject metadata(Map<String, String> params) {
    JsonObject metadata = new JsonObject();
    params.forEach(
        (k, v) -> {
          if (k.startsWith("metadata[") && k.endsWith("]")) {
            metadata.put(k.substring(9, k.length() - 1), v);
          }
        });
    return metadata;
  }

  private static Reply error(int status, String type, String code, String param, String message) {
    JsonObject err = new JsonObject().put("type", type).put("code", code).put("message", message);
    if (param != null) {
      err.put("param", param);
    }
    return new Reply(status, new JsonObject().put("error", err));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new ConcurrentHashMap<>();
    if (body == null || body.isBlank()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.merge(key, value, (a, b) -> a + "," + b);
    }
    return params;
  }
}
