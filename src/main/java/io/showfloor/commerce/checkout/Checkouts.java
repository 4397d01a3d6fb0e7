package io.showfloor.commerce.checkout;

import io.showfloor.commerce.Notices;
import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderPlan;
import io.showfloor.commerce.order.OrderService;
import io.showfloor.commerce.order.Orders;
import io.showfloor.commerce.order.Stock;
import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.PaymentRequest;
import io.showfloor.commerce.payment.PaymentResult;
import io.showfloor.commerce.payment.PaymentStatus;
import io.showfloor.commerce.payment.RefundRequest;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout: one payment for everything the buyer owes — the cart (split into one order per
 * seller) and any due orders (won lots, flash-sale buys).
 *
 * <ol>
 *   <li>One transaction takes the units from stock (conditional update: two buyers never both get
 *   the last unit), empties the cart into orders that wait for payment until a deadline, and
 *   records the checkout under the buyer's Idempotency-Key.</li>
 *   <li>The payment provider is called outside any transaction, with the key
 *   {@code checkout-<id>}.</li>
 *   <li>A second transaction applies the answer: paid (orders paid, ledger split posted),
 *   declined (cart orders cancelled, units and cart given back), or pending (the webhook
 *   finishes it; an unpaid order expires and gives its units back).</li>
 * </ol>
 * A retry with the same key answers the same checkout, re-asking the provider (same key, so
 * never a second charge) if the first attempt never heard back.
 */
public final class Checkouts {
  private static final Logger LOG = LoggerFactory.getLogger(Checkouts.class);
  private final Platform platform;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final OrderService orders;
  private final Notices notices;
  private final long holdSeconds;
  private PointsRedemption points = PointsRedemption.NONE;
  private final List<CheckoutListener> listeners = new ArrayList<>();

  public Checkouts(Platform platform, Ledger ledger, PaymentProvider payments, OrderService orders, Notices notices) {
    this.platform = platform;
    this.ledger = ledger;
    this.payments = payments;
    this.orders = orders;
    this.notices = notices;
    this.holdSeconds = platform.settings().longValue("commerce.checkoutHoldSeconds", 900);
  }

  public void usePoints(PointsRedemption redemption) {
    this.points = redemption;
  }

  public void onPaid(CheckoutListener listener) {
    listeners.add(listener);
  }

  private record Started(long checkoutId, boolean replay, List<Notices.Notice> notices) {}

  public Future<Reply> checkout(long buyerId, JsonObject body, String idempotencyKey) {
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    String paymentMethod = body.getString("paymentMethodId");
    return platform.db().tx(conn -> start(conn, buyerId, body, key))
        .compose(started -> {
          started.notices().forEach(notices::push);
          return platform.db().one("SELECT * FROM checkouts WHERE id = $1", Tuple.of(started.checkoutId()))
              .compose(row -> {
                String status = row.getString("status");
                boolean unpaid = "pending".equals(status) && row.getString("provider_payment_id") == null;
                if (started.replay() && !unpaid) {
                  return "failed".equals(status)
                      ? Future.failedFuture(new ApiError(402, "card_declined", "Payment declined",
                          "This checkout's payment was declined (" + row.getString("failure_code") + ")"))
                      : answer(started.checkoutId(), true);
                }
                return pay(row, paymentMethod).compose(v -> answer(started.checkoutId(), started.replay()));
              });
        });
  }

  private Future<Started> start(SqlConnection conn, long buyerId, JsonObject body, String key) {
    return conn.preparedQuery("""
            INSERT INTO checkouts (buyer_id, idempotency_key, provider, shipping_address) VALUES ($1, $2, $3, $4)
            ON CONFLICT (buyer_id, idempotency_key) DO NOTHING RETURNING id""")
        .execute(Tuple.of(buyerId, key, payments.name(), body.getJsonObject("shippingAddress")))
        .compose(inserted -> {
          if (!inserted.iterator().hasNext()) {
            return conn.preparedQuery("SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(buyerId, key))
                .map(rows -> new Started(rows.iterator().next().getLong("id"), true, List.of()));
          }
          long checkoutId = inserted.iterator().next().getLong("id");
          return fill(conn, buyerId, checkoutId, body).map(n -> new Started(checkoutId, false, n));
        });
  }

  /** Turns the cart into orders and gathers due orders, all under this checkout. */
  private Future<List<Notices.Notice>> fill(SqlConnection conn, long buyerId, long checkoutId, JsonObject body) {
    Future<List<Row>> cart = conn.preparedQuery("DELETE FROM cart_items WHERE buyer_id = $1 RETURNING product_id, quantity")
        .execute(Tuple.of(buyerId)).map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
    return cart.compose(items -> conn.preparedQuery("""
                UPDATE orders SET checkout_id = $2, updated_at = now()
                WHERE buyer_id = $1 AND status = 'pending_payment' AND checkout_id IS NULL AND source <> 'cart'
                RETURNING total_cents""")
            .execute(Tuple.of(buyerId, checkoutId))
            .compose(due -> {
              long dueCents = 0;
              for (Row row : due) {
                dueCents += row.getLong("total_cents");
              }
              if (items.isEmpty() && due.rowCount() == 0) {
                return Future.failedFuture(ApiError.unprocessable("cart_empty", "Your cart is empty and nothing is due"));
              }
              long alsoDue = dueCents;
              return cartOrders(conn, buyerId, checkoutId, body, items)
                  .compose(made -> conn.preparedQuery("UPDATE checkouts SET total_cents = $2 WHERE id = $1")
                      .execute(Tuple.of(checkoutId, made.totalCents() + alsoDue))
                      .map(v -> made.notices()));
            }));
  }

  private record Made(long totalCents, List<Notices.Notice> notices) {}

  private Future<Made> cartOrders(SqlConnection conn, long buyerId, long checkoutId, JsonObject body, List<Row> items) {
    if (items.isEmpty()) {
      return Future.succeededFuture(new Made(0, List.of()));
    }
    Map<Long, Integer> wanted = new HashMap<>();
    items.forEach(r -> wanted.put(r.getLong("product_id"), r.getInteger("quantity")));
    return Stock.take(conn, wanted).compose(taken -> {
      List<OrderPlan.Item> planItems = new ArrayList<>();
      for (Stock.Taken t : taken) {
        if (t.sellerId() == buyerId) {
          return Future.failedFuture(ApiError.unprocessable("own_product", "You cannot buy your own product"));
        }
        planItems.add(new OrderPlan.Item(t.productId(), t.sellerId(), t.title(), t.priceCents(), t.quantity(),
            t.shippingCents(), null, null));
      }
      // deterministic order ids: sellers in ascending order
      planItems.sort(java.util.Comparator.comparingLong(OrderPlan.Item::sellerId).thenComparingLong(OrderPlan.Item::productId));
      long redeem = body.getLong("redeemPoints", 0L);
      long gross = OrderPlan.plan(planItems, 0, 0).stream().mapToLong(p -> p.itemsCents() + p.shippingCents()).sum();
      Future<Long> discount = redeem > 0 ? points.redeem(conn, buyerId, redeem, gross, checkoutId)
          : Future.succeededFuture(0L);
      return discount.compose(d -> {
        List<OrderPlan.Planned> plan = OrderPlan.plan(planItems, orders.feeBps(), d);
        return orders.insert(conn, buyerId, checkoutId, "cart", null, null, body.getJsonObject("shippingAddress"),
                holdSeconds, plan)
            .compose(ids -> orders.lowStock(conn, taken))
            .compose(lowStock -> conn.preparedQuery("UPDATE checkouts SET points_redeemed = $2 WHERE id = $1")
                .execute(Tuple.of(checkoutId, d > 0 ? redeem : 0L))
                .map(v -> new Made(plan.stream().mapToLong(OrderPlan.Planned::totalCents).sum(), lowStock)));
      });
    });
  }

  /** Asks the provider to charge the checkout's total, then applies the answer. */
  private Future<Void> pay(Row checkout, String paymentMethod) {
    long checkoutId = checkout.getLong("id");
    long total = checkout.getLong("total_cents");
    if (total == 0) {
      return settleSucceeded(checkoutId, null);
    }
    PaymentRequest request = new PaymentRequest(total, "usd", paymentMethod, null, false, "checkout-" + checkoutId,
        "Showfloor checkout #" + checkoutId, Map.of("kind", "checkout", "checkoutId", String.valueOf(checkoutId)));
    return payments.pay(request)
        .recover(e -> {
          LOG.warn("Payment provider failed for checkout {}; a retry with the same key re-asks it", checkoutId, e);
          return Future.failedFuture(PaymentDeclined.unavailable(e));
        })
        .compose(result -> apply(checkoutId, result));
  }

  private Future<Void> apply(long checkoutId, PaymentResult result) {
    if (result.status() == PaymentStatus.SUCCEEDED) {
      return settleSucceeded(checkoutId, result.paymentId());
    }
    if (result.status().pending()) {
      return platform.db().query("""
              UPDATE checkouts SET provider_payment_id = $2, client_secret = $3, payment_status = $4
              WHERE id = $1 AND status = 'pending'""",
          Tuple.of(checkoutId, result.paymentId(), result.clientSecret(), result.status().apiName())).mapEmpty();
    }
    return platform.db().tx(conn -> declined(conn, checkoutId, result))
        .compose(v -> Future.failedFuture(PaymentDeclined.from(result)));
  }

  private Future<Void> settleSucceeded(long checkoutId, String paymentId) {
    List<Runnable> after = new ArrayList<>();
    return platform.db().tx(conn -> succeeded(conn, checkoutId, paymentId, after))
        .onSuccess(v -> after.forEach(Runnable::run))
        .mapEmpty();
  }

  /**
   * The payment succeeded (sync answer or webhook): marks the checkout and its orders paid and
   * posts the ledger, once. Orders that expired before the money arrived cannot be revived (their
   * units may be sold again): that part of the payment is booked as unapplied and refunded.
   * {@code after} collects what to announce once the transaction commits.
   */
  public Future<String> succeeded(SqlConnection conn, long checkoutId, String paymentId, List<Runnable> after) {
    return conn.preparedQuery("""
            UPDATE checkouts SET status = 'succeeded', payment_status = 'succeeded',
                   provider_payment_id = COALESCE(provider_payment_id, $2), client_secret = NULL, completed_at = now()
            WHERE id = $1 AND status IN ('pending', 'failed', 'expired') RETURNING buyer_id, provider, provider_payment_id""")
        .execute(Tuple.of(checkoutId, paymentId))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture("checkout " + checkoutId + " already paid");
          }
          Row checkout = rows.iterator().next();
          long buyerId = checkout.getLong("buyer_id");
          String provider = checkout.getString("provider");
          return orders.markPaid(conn, checkoutId, provider).compose(result -> {
            Future<Void> told = Future.succeededFuture();
            for (CheckoutListener listener : listeners) {
              told = told.compose(v -> listener.paid(conn, buyerId, checkoutId, result.paid()));
            }
            List<Notices.Notice> stored = new ArrayList<>();
            for (Order order : result.paid()) {
              told = told.compose(v -> notices.add(conn, order.sellerId(), "order_paid", new JsonObject()
                  .put("orderId", order.id()).put("totalCents", order.totalCents())).map(n -> {
                    stored.add(n);
                    return null;
                  }));
            }
            long lateCents = result.late().stream().mapToLong(Order::totalCents).sum();
            Future<Void> late = lateCents == 0 ? Future.succeededFuture()
                : ledger.post(conn, LedgerTransaction.builder("late_payment", "checkout:" + checkoutId + ":late")
                    .reference("checkout:" + checkoutId)
                    .debit(LedgerAccount.providerClearing(provider), lateCents)
                    .credit(LedgerAccount.unappliedPayments(), lateCents).build()).mapEmpty();
            String providerPaymentId = checkout.getString("provider_payment_id");
            return told.compose(v -> late).map(v -> {
              after.add(() -> {
                stored.forEach(notices::push);
                result.paid().forEach(o -> platform.events().publish("order:" + o.id(), "order.paid",
                    new JsonObject().put("orderId", o.id()).put("status", "paid")));
                if (lateCents > 0) {
                  refundLate(checkoutId, provider, providerPaymentId, lateCents);
                }
              });
              return "checkout " + checkoutId + " paid: " + result.paid().size() + " order(s)"
                  + (lateCents > 0 ? "; " + lateCents + " cents arrived after expiry and are refunded" : "");
            });
          });
        });
  }

  /** Gives back money that arrived for orders already cancelled, and books it out of unapplied. */
  private void refundLate(long checkoutId, String provider, String paymentId, long cents) {
    payments.refund(new RefundRequest(paymentId, cents, "checkout-" + checkoutId + "-late", "orders expired before payment"))
        .compose(result -> !result.succeeded() ? Future.failedFuture(result.failureReason())
            : platform.db().tx(conn -> ledger.post(conn, LedgerTransaction.builder("late_payment_refund",
                    "checkout:" + checkoutId + ":late:refunded")
                .reference("checkout:" + checkoutId)
                .debit(LedgerAccount.unappliedPayments(), cents)
                .credit(LedgerAccount.providerClearing(provider), cents).build())))
        .onFailure(e -> LOG.error("Could not refund {} cents that arrived late for checkout {}: left in unapplied payments",
            cents, checkoutId, e));
  }

  /** The card was declined at checkout: cancel the cart's orders, give units, cart and points back, free due orders. */
  private Future<Void> declined(SqlConnection conn, long checkoutId, PaymentResult result) {
    return conn.preparedQuery("""
            UPDATE checkouts SET status = 'failed', payment_status = 'failed', failure_code = $2,
                   provider_payment_id = COALESCE(provider_payment_id, $3), completed_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING buyer_id""")
        .execute(Tuple.of(checkoutId, result.failureCode() == null ? result.status().apiName() : result.failureCode(),
            result.paymentId()))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture();
          }
          long buyerId = rows.iterator().next().getLong("buyer_id");
          return conn.preparedQuery("SELECT id FROM orders WHERE checkout_id = $1 AND source = 'cart'").execute(Tuple.of(checkoutId))
              .compose(cartOrders -> {
                List<Long> ids = new ArrayList<>();
                cartOrders.forEach(r -> ids.add(r.getLong("id")));
                return conn.preparedQuery("""
                        INSERT INTO cart_items (buyer_id, product_id, quantity)
                        SELECT $1, product_id, LEAST(SUM(quantity), 100) FROM order_lines WHERE order_id = ANY($2::bigint[])
                        GROUP BY product_id ON CONFLICT (buyer_id, product_id) DO NOTHING""")
                    .execute(Tuple.of(buyerId).addArrayOfLong(ids.toArray(Long[]::new)))
                    .compose(v -> orders.cancelUnpaid(conn, ids, "payment_declined"));
              })
              .compose(v -> conn.preparedQuery("""
                      UPDATE orders SET checkout_id = NULL WHERE checkout_id = $1 AND source <> 'cart' AND status = 'pending_payment'""")
                  .execute(Tuple.of(checkoutId)))
              .compose(v -> points.restore(conn, checkoutId));
        });
  }

  /** A later failure report (webhook): noted; the orders stay payable until they expire. */
  public Future<String> failedLater(SqlConnection conn, long checkoutId, String failureCode) {
    return conn.preparedQuery("""
            UPDATE checkouts SET failure_code = $2, payment_status = 'requires_payment_method' WHERE id = $1 AND status = 'pending'""")
        .execute(Tuple.of(checkoutId, failureCode))
        .map(rows -> rows.rowCount() > 0 ? "checkout " + checkoutId + " payment attempt failed (" + failureCode + ")"
            : "checkout " + checkoutId + " already settled");
  }

  /** The checkout as the buyer sees it: its orders and where its payment stands. */
  public Future<Reply> answer(long checkoutId, boolean replayed) {
    return view(checkoutId).map(json -> {
      Reply reply = Reply.created(json);
      return replayed ? reply.header("Idempotent-Replayed", "true") : reply;
    });
  }

  public Future<JsonObject> view(long checkoutId) {
    return platform.db().one("SELECT * FROM checkouts WHERE id = $1", Tuple.of(checkoutId))
        .compose(checkout -> Orders.byCheckout(platform.db().pool(), checkoutId).map(list -> {
          JsonArray orderJson = new JsonArray();
          list.forEach(o -> orderJson.add(o.toJson(false)));
          String status = checkout.getString("status");
          JsonObject payment = new JsonObject()
              .put("provider", checkout.getString("provider"))
              .put("status", "succeeded".equals(status) ? "succeeded" : "failed".equals(status) ? "failed"
                  : "expired".equals(status) ? "expired" : checkout.getString("payment_status"))
              .put("amountCents", checkout.getLong("total_cents"));
          if ("pending".equals(status) && checkout.getString("client_secret") != null) {
            payment.put("clientSecret", checkout.getString("client_secret"));
          }
          if (checkout.getString("provider_payment_id") != null) {
            payment.put("paymentId", checkout.getString("provider_payment_id"));
          }
          if (checkout.getString("failure_code") != null) {
            payment.put("failureCode", checkout.getString("failure_code"));
          }
          return new JsonObject().put("checkoutId", checkoutId).put("status", status)
              .put("totalCents", checkout.getLong("total_cents")).put("pointsRedeemed", checkout.getLong("points_redeemed"))
              .put("orders", orderJson).put("payment", payment);
        }));
  }

  public Future<Long> buyerOf(long checkoutId) {
    return platform.db().one("SELECT buyer_id FROM checkouts WHERE id = $1", Tuple.of(checkoutId))
        .map(row -> row == null ? null : row.getLong("buyer_id"));
  }

}
