package io.showfloor.commerce.checkout;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.showfloor.commerce.Notices;
import io.showfloor.commerce.Receipts;
import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderPlan;
import io.showfloor.commerce.order.OrderReads;
import io.showfloor.commerce.order.ShopOrders;
import io.showfloor.commerce.order.Stock;
import io.showfloor.commerce.payment.PaymentDeclined;
import io.showfloor.commerce.payment.PaymentProvider;
import io.showfloor.commerce.payment.PaymentRequest;
import io.showfloor.commerce.payment.PaymentResult;
import io.showfloor.commerce.payment.PaymentStatus;
import io.showfloor.commerce.payment.RefundRequest;
import io.showfloor.commerce.payment.SavedCards;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.market.cash.MarketHolds;
import io.showfloor.notify.Notification;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout: one payment for everything the buyer owes — the cart (split into one order per seller)
 * and any due orders (won lots, flash-sale buys).
 *
 * <ol>
 *   <li>One transaction takes the units from stock (conditional update: two buyers never both get
 *       the last unit), empties the cart into orders that wait for payment until a deadline, and
 *       records the checkout under the buyer's Idempotency-Key.
 *   <li>The payment provider is called outside any transaction, with the key {@code checkout-<id>}.
 *   <li>A second transaction applies the answer: paid (orders paid, ledger split posted), declined
 *       (cart orders cancelled, units and cart given back), or pending (the webhook finishes it; an
 *       unpaid order expires and gives its units back).
 * </ol>
 *
 * A retry with the same key answers the same checkout, re-asking the provider (same key, so never a
 * second charge) if the first attempt never heard back.
 *
 * <p>With a provider that answers in this process (the sandbox) steps 1–3 are one transaction: the
 * payment is asked inside it, a success is applied before the commit, and the stock is taken last
 * so a hot product's row stays locked only for the commit (see {@link #checkoutInOneTransaction}).
 */
public final class Checkouts {
  private static final Logger LOG = LoggerFactory.getLogger(Checkouts.class);
  private final Database db;
  private final EventPublisher events;
  private final Ledger ledger;
  private final PaymentProvider payments;
  private final ShopOrders orders;
  private final Notices notices;
  private final long holdSeconds;
  private PointsRedemption points = PointsRedemption.NONE;
  private final List<CheckoutListener> listeners = new ArrayList<>();

  private final Timer checkoutTime;

  /** What open market buys hold of a buyer's wallet cash: not spendable at checkout. */
  private final MarketHolds marketHolds;

  public Checkouts(
      Database db,
      EventPublisher events,
      MeterRegistry metrics,
      Ledger ledger,
      PaymentProvider payments,
      ShopOrders orders,
      Notices notices,
      MarketHolds marketHolds) {
    this.marketHolds = marketHolds;
    this.db = db;
    this.events = events;
    this.ledger = ledger;
    this.payments = payments;
    this.orders = orders;
    this.notices = notices;
    this.holdSeconds = orders.orderTerms().checkoutHoldSeconds();
    this.checkoutTime =
        Timer.builder("showfloor.checkout.duration")
            .description("From a checkout request to its answer (paid, pending or refused)")
            .register(metrics);
  }

  public void usePoints(PointsRedemption redemption) {
    this.points = redemption;
  }

  public void onPaid(CheckoutListener listener) {
    listeners.add(listener);
  }

  /**
   * The first transaction's work so far; {@code untaken} is the stock still to take before its
   * commit, {@code writing} the order inserts still on their way (pipelined with what follows).
   * {@code payment} is the in-process provider's answer when it was asked before anything was
   * written (see {@link #checkoutInOneTransaction}); {@code pointsRedeemed} what the totals record;
   * {@code allOrders} the orders as written when they are all of the checkout's (no due orders),
   * else null.
   */
  private record Started(
      long checkoutId,
      boolean replay,
      long totalCents,
      long pointsRedeemed,
      List<Notification> notices,
      List<Stock.Want> untaken,
      Future<?> writing,
      @Nullable PaymentResult payment,
      @Nullable Future<List<Order>> allOrders,
      long walletCents) {
    Started(
        long checkoutId,
        boolean replay,
        long totalCents,
        List<Notification> notices,
        long walletCents) {
      this(
          checkoutId,
          replay,
          totalCents,
          0,
          notices,
          List.of(),
          Future.succeededFuture(),
          null,
          null,
          walletCents);
    }

    /** What the card pays: the total less the wallet part. */
    long cardCents() {
      return totalCents - walletCents;
    }
  }

  /**
   * Asks the in-process provider inside the first transaction; {@code paymentMethodId} is the
   * buyer's method, or null when none was named (the sandbox then pays as with its test card). Kept
   * apart from the method itself: "no method" once meant "do not ask", and a checkout without one
   * committed its orders unpaid and then failed with a 500.
   */
  private record PayInProcess(@Nullable String paymentMethodId) {}

  /** What a zero total "pays" with: nothing is asked of the provider. */
  private static final PaymentResult NOTHING_TO_PAY =
      new PaymentResult(null, PaymentStatus.SUCCEEDED, 0, null, null, null);

  // one round trip: claim the Idempotency-Key, gather the buyer's due orders, empty the cart and
  // read its products' prices (no lock: the stock update at the end re-checks them)
  private static final String CLAIM =
      """
      WITH c AS (
        INSERT INTO checkouts (buyer_id, idempotency_key, provider, shipping_address) VALUES ($1, $2, $3, $4)
        ON CONFLICT (buyer_id, idempotency_key) DO NOTHING RETURNING id),
      due AS (
        -- a won lot ships to this checkout's address; charged off-session, to the buyer's last one
        UPDATE orders SET checkout_id = (SELECT id FROM c), updated_at = now(),
               shipping_address = COALESCE(NULLIF($4::jsonb, '{}'::jsonb), shipping_address,
                   (SELECT k.shipping_address FROM checkouts k WHERE k.buyer_id = $1 AND k.shipping_address <> '{}'::jsonb
                    ORDER BY k.id DESC LIMIT 1))
        WHERE buyer_id = $1 AND status = 'pending_payment' AND checkout_id IS NULL AND source <> 'cart'
          -- a runner-up offer is accepted only by the buyer's own checkout, never by an off-session charge
          AND ($5 OR source_ref IS NULL OR source_ref NOT LIKE 'offer:%')
          AND EXISTS (SELECT 1 FROM c)
        RETURNING total_cents),
      cart AS (
        DELETE FROM cart_items WHERE buyer_id = $1 AND $5 AND EXISTS (SELECT 1 FROM c) RETURNING product_id, quantity)
      SELECT (SELECT id FROM c) AS checkout_id, (SELECT COALESCE(SUM(total_cents), 0) FROM due) AS due_cents,
             (SELECT COUNT(*) FROM due) AS due_count, cart.product_id, cart.quantity, p.seller_id, p.title,
             p.price_cents, p.shipping_cents, p.stock, p.status
      FROM (SELECT 1) AS one LEFT JOIN cart ON true LEFT JOIN products p ON p.id = cart.product_id
      ORDER BY cart.product_id""";

  public Future<IdempotentResult<JsonObject>> checkout(
      long buyerId, JsonObject body, String idempotencyKey) {
    long started = System.nanoTime();
    return checkoutOnce(buyerId, body, idempotencyKey)
        .onComplete(done -> checkoutTime.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  private Future<IdempotentResult<JsonObject>> checkoutOnce(
      long buyerId, JsonObject body, String idempotencyKey) {
    String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    String paymentMethod = body.getString("paymentMethodId");
    if (payments.answersInProcess()) {
      return checkoutInOneTransaction(buyerId, body, key, paymentMethod);
    }
    return db.tx(conn -> start(conn, buyerId, body, key, true, true, null))
        .compose(
            started -> {
              PostCommit.run(
                  "checkout " + started.checkoutId(),
                  () -> started.notices().forEach(notices::push));
              if (!started.replay()) {
                return pay(started.checkoutId(), started.cardCents(), paymentMethod, null)
                    .compose(
                        paid ->
                            paid != null
                                ? Future.succeededFuture(result(paid, false))
                                : answer(started.checkoutId(), false));
              }
              return replay(started.checkoutId(), paymentMethod);
            });
  }

  /**
   * The checkout with a provider that answers in this process (the sandbox): the payment is asked
   * inside the first transaction, once the cart is priced and before anything but the claim is
   * written. When it succeeds, the cart's orders are written paid and the checkout's totals go in
   * the statement that marks it paid, with the ledger split, before the one commit (an order row
   * written pending and then updated cost a second row version in every index of orders, and
   * PostgreSQL re-checks the foreign keys of a row updated in the transaction that inserted it).
   * Nothing outside the process was charged, so a rollback loses no money; a real provider always
   * takes the two-transaction path above. A payment that does not succeed at once is applied after
   * the commit exactly as there.
   */
  private Future<IdempotentResult<JsonObject>> checkoutInOneTransaction(
      long buyerId, JsonObject body, String key, @Nullable String paymentMethod) {
    List<Runnable> after = new ArrayList<>();
    JsonObject[] paidView = new JsonObject[1];
    PaymentResult[] unsettled = new PaymentResult[1];
    // BEGIN goes out with the claim (one round trip less per purchase)
    return db.pipelinedTx(
            conn ->
                start(conn, buyerId, body, key, true, false, new PayInProcess(paymentMethod))
                    .compose(
                        started ->
                            started.replay()
                                ? Future.succeededFuture(started)
                                : settleInside(conn, buyerId, started, after, paidView, unsettled)
                                    // a failed order insert aborts what followed it: report the
                                    // cause, not the aborted transaction
                                    .recover(
                                        e ->
                                            Future.failedFuture(
                                                started.writing().failed()
                                                    ? started.writing().cause()
                                                    : e))))
        .compose(
            started -> {
              long checkoutId = started.checkoutId();
              // committed: what follows announces it, and whatever fails here the buyer gets the
              // checkout
              PostCommit.run(
                  "checkout " + checkoutId, () -> started.notices().forEach(notices::push));
              if (started.replay()) {
                return replay(checkoutId, paymentMethod);
              }
              PostCommit.run("checkout " + checkoutId, after);
              JsonObject paid = paidView[0];
              if (paid != null) {
                return Future.succeededFuture(result(paid, false));
              }
              PaymentResult payment = unsettled[0];
              if (payment == null) {
                return answer(checkoutId, false);
              }
              return apply(checkoutId, payment)
                  .compose(
                      applied ->
                          applied != null
                              ? Future.succeededFuture(result(applied, false))
                              : answer(checkoutId, false))
                  // a declined card is the buyer's answer (402); anything else failed after the
                  // commit: answer what was committed
                  .recover(
                      e ->
                          e instanceof Refused
                              ? Future.failedFuture(e)
                              : committedAnswer(checkoutId, e));
            });
  }

  /**
   * The checkout as committed, for a step after its commit that failed (logged; the buyer still
   * gets the checkout).
   */
  private Future<IdempotentResult<JsonObject>> committedAnswer(long checkoutId, Throwable failure) {
    LOG.error(
        "Checkout {} committed, then a later step failed; answering the committed checkout",
        checkoutId,
        failure);
    return answer(checkoutId, false);
  }

  /** Asks the in-process provider for the checkout's total, before the orders are written. */
  private Future<PaymentResult> payFirst(
      long checkoutId, long total, @Nullable String paymentMethod) {
    if (total == 0) {
      return Future.succeededFuture(NOTHING_TO_PAY);
    }
    return payments
        .pay(paymentRequest(checkoutId, total, paymentMethod, null))
        .recover(
            e -> {
              LOG.warn(
                  "Payment provider failed for checkout {}; nothing was written, a retry starts again",
                  checkoutId,
                  e);
              return Future.failedFuture(PaymentDeclined.unavailable(e));
            });
  }

  /**
   * Applies, inside the transaction, an in-process payment that succeeded, and takes the stock; any
   * other answer is applied after the commit. Answers what {@link #takeStock} answers.
   */
  private Future<Started> settleInside(
      SqlConnection conn,
      long buyerId,
      Started started,
      List<Runnable> after,
      JsonObject[] paidView,
      PaymentResult[] unsettled) {
    PaymentResult payment = started.payment();
    if (payment == null || payment.status() != PaymentStatus.SUCCEEDED) {
      unsettled[0] = payment;
      return takeStock(conn, started);
    }
    // the stock update is sent last, after the paid split's writes and without waiting for their
    // answers: a hot product's row is still locked only for one answer and the commit
    @SuppressWarnings("unchecked")
    Future<Started>[] taken = new Future[1];
    return succeeded(
            conn,
            started.checkoutId(),
            payment.paymentId(),
            after,
            paidView,
            new long[] {started.totalCents(), started.pointsRedeemed()},
            started.allOrders(),
            new Ahead(
                buyerId,
                () -> {
                  taken[0] = takeStock(conn, started);
                  return taken[0];
                }))
        .compose(v -> taken[0]);
  }

  /**
   * What the one-transaction checkout knows before its payment is marked: the buyer, so their reads
   * (display names, the loyalty tier) go out with the marking; and the stock take, sent after the
   * paid split's writes in the same round trip.
   */
  private record Ahead(long buyerId, java.util.function.Supplier<Future<?>> last) {}

  /**
   * A retry with the same Idempotency-Key: answers the checkout it made, asking the provider again
   * if it never heard back.
   */
  private Future<IdempotentResult<JsonObject>> replay(
      long checkoutId, @Nullable String paymentMethod) {
    return db.one("SELECT * FROM checkouts WHERE id = $1", Tuple.of(checkoutId))
        .compose(
            row -> {
              String status = row.getString("status");
              if ("failed".equals(status)) {
                return Future.failedFuture(
                    new Refused(
                        Refused.Kind.PAYMENT_DECLINED,
                        "card_declined",
                        "This checkout's payment was declined ("
                            + row.getString("failure_code")
                            + ")"));
              }
              // the first attempt never heard back from the provider: ask again with the same key
              boolean unasked =
                  "pending".equals(status) && row.getString("provider_payment_id") == null;
              Future<JsonObject> paid =
                  unasked
                      ? pay(
                          checkoutId,
                          row.getLong("total_cents") - row.getLong("wallet_cents"),
                          paymentMethod,
                          null)
                      : Future.succeededFuture(null);
              return paid.compose(v -> answer(checkoutId, true));
            });
  }

  /**
   * Charges the buyer's saved card, off-session, for everything they owe that is not in a checkout
   * yet — called by the auctions domain right after a lot closes, so the winner pays at once the
   * way live-auction buyers expect. Answers the checkout, or null when the buyer has no saved card
   * or nothing is due. A decline leaves the orders due (the buyer pays by checkout).
   */
  public Future<JsonObject> chargeSavedCard(long buyerId, SavedCards cards, String reason) {
    return cards
        .defaultCard(buyerId)
        .compose(
            card -> {
              if (card == null) {
                return Future.succeededFuture(null);
              }
              JsonObject body = new JsonObject();
              return db.tx(
                      conn -> start(conn, buyerId, body, "offsession-" + reason, false, true, null))
                  .compose(
                      started ->
                          started.replay()
                              ? view(started.checkoutId())
                              : pay(
                                      started.checkoutId(),
                                      started.cardCents(),
                                      card.paymentMethodId(),
                                      card.customerId())
                                  .compose(
                                      paid ->
                                          paid != null
                                              ? Future.succeededFuture(paid)
                                              : view(started.checkoutId())))
                  .recover(
                      e ->
                          Refused.is(e, "cart_empty")
                              ? Future.succeededFuture(null)
                              : Future.failedFuture(e));
            });
  }

  /**
   * The first transaction up to the payment: claims the key, writes the orders and, when {@code
   * takeStockNow}, takes the stock; otherwise the caller takes it with {@link #takeStock} just
   * before its commit, so a hot product's row stays locked as briefly as possible. With a {@code
   * payInProcess} the in-process provider is asked once the cart is priced, before the orders are
   * written, so that paid orders are written paid.
   */
  private Future<Started> start(
      SqlConnection conn,
      long buyerId,
      JsonObject body,
      String key,
      boolean withCart,
      boolean takeStockNow,
      @Nullable PayInProcess payInProcess) {
    return conn.preparedQuery(CLAIM)
        .execute(
            Tuple.of(
                buyerId,
                key,
                payments.name(),
                body.getJsonObject("shippingAddress", new JsonObject()),
                withCart))
        .compose(
            rows -> {
              Row first = rows.iterator().next();
              if (first.getLong("checkout_id") == null) {
                return conn.preparedQuery(
                        "SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2")
                    .execute(Tuple.of(buyerId, key))
                    .map(
                        found ->
                            new Started(
                                found.iterator().next().getLong("id"), true, 0, List.of(), 0));
              }
              long checkoutId = first.getLong("checkout_id");
              long dueCents = first.getLong("due_cents");
              List<Row> cart = new ArrayList<>();
              rows.forEach(
                  r -> {
                    if (r.getLong("product_id") != null) {
                      cart.add(r);
                    }
                  });
              if (cart.isEmpty() && first.getLong("due_count") == 0) {
                return Future.failedFuture(
                    Refused.unprocessable("cart_empty", "Your cart is empty and nothing is due"));
              }
              return cartOrders(
                  conn,
                  buyerId,
                  checkoutId,
                  body,
                  cart,
                  dueCents,
                  first.getLong("due_count") > 0,
                  takeStockNow,
                  payInProcess);
            });
  }

  /**
   * Prices the cart into one order per seller, writes them and takes the stock, in one pipelined
   * round trip.
   */
  private Future<Started> cartOrders(
      SqlConnection conn,
      long buyerId,
      long checkoutId,
      JsonObject body,
      List<Row> cart,
      long dueCents,
      boolean anyDue,
      boolean takeStockNow,
      @Nullable PayInProcess payInProcess) {
    List<OrderPlan.Item> items = new ArrayList<>();
    List<Stock.Want> wants = new ArrayList<>();
    for (Row r : cart) {
      if (r.getLong("seller_id") == null) {
        return Future.failedFuture(
            Refused.conflict("out_of_stock", "A product in your cart no longer exists"));
      }
      if (r.getLong("seller_id") == buyerId) {
        return Future.failedFuture(
            Refused.unprocessable("own_product", "You cannot buy your own product"));
      }
      // refused before anything is written when even the unlocked read shows too few units (a
      // sold-out
      // flash sale answers its crowd cheaply); the conditional update in Stock.take still decides
      // the rest
      if (!"active".equals(r.getString("status"))
          || r.getInteger("stock") < r.getInteger("quantity")) {
        return Future.failedFuture(
            Refused.conflict(
                "out_of_stock",
                "Not enough stock (or no longer for sale) for product " + r.getLong("product_id")));
      }
      items.add(
          new OrderPlan.Item(
              r.getLong("product_id"),
              r.getLong("seller_id"),
              r.getString("title"),
              r.getLong("price_cents"),
              r.getInteger("quantity"),
              r.getLong("shipping_cents"),
              null,
              null));
      wants.add(
          new Stock.Want(
              r.getLong("product_id"),
              r.getInteger("quantity"),
              r.getLong("price_cents"),
              r.getLong("shipping_cents")));
    }
    // deterministic order ids: sellers in ascending order
    items.sort(
        java.util.Comparator.comparingLong(OrderPlan.Item::sellerId)
            .thenComparingLong(OrderPlan.Item::productId));
    long redeem = body.getLong("redeemPoints", 0L);
    long gross =
        OrderPlan.plan(items, 0, 0).stream()
            .mapToLong(p -> p.itemsCents() + p.shippingCents())
            .sum();
    Future<Long> discount =
        redeem > 0 && !items.isEmpty()
            ? points.redeem(conn, buyerId, redeem, gross, checkoutId)
            : redeem > 0
                ? Future.failedFuture(
                    Refused.unprocessable("insufficient_points", "Points apply to cart items only"))
                : Future.succeededFuture(0L);
    return discount.compose(
        d -> {
          List<OrderPlan.Planned> plan =
              OrderPlan.plan(items, orders.orderTerms().platformFeeBps(), d);
          long total = plan.stream().mapToLong(OrderPlan.Planned::totalCents).sum() + dueCents;
          long pointsRedeemed = d > 0 ? redeem : 0L;
          long wallet = body.getLong("walletCents", 0L);
          Future<PaymentResult> asked =
              spendWallet(conn, buyerId, checkoutId, wallet, total)
                  .compose(
                      v ->
                          payInProcess == null
                              ? Future.succeededFuture(null)
                              : payFirst(
                                  checkoutId, total - wallet, payInProcess.paymentMethodId()));
          return asked.compose(
              payment ->
                  write(
                      conn,
                      buyerId,
                      checkoutId,
                      body,
                      items.isEmpty() ? List.of() : plan,
                      wants,
                      total,
                      pointsRedeemed,
                      anyDue,
                      takeStockNow,
                      payment,
                      wallet));
        });
  }

  /**
   * Moves the wallet part of a checkout from the buyer's cash to the provider's clearing account,
   * where the orders' paid split takes the whole total from (so the card brings only the rest), in
   * the transaction that writes the orders. The cash account is locked first, as a withdrawal does,
   * so two checkouts (or a checkout and a withdrawal) never spend the same cash.
   */
  private Future<Void> spendWallet(
      SqlConnection conn, long buyerId, long checkoutId, long walletCents, long total) {
    if (walletCents <= 0) {
      return Future.succeededFuture();
    }
    if (walletCents > total) {
      return Future.failedFuture(
          Refused.unprocessable(
              "wallet_exceeds_total",
              "The wallet part (" + walletCents + ") is above the checkout total (" + total + ")"));
    }
    return ledger
        .lockBalance(conn, LedgerAccount.userCash(buyerId))
        // under the lock: open market buys hold part of the cash (a book adds holds only under it)
        .compose(balance -> marketHolds.heldCents(conn, buyerId).map(held -> balance - held))
        .compose(
            available -> {
              if (available < walletCents) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "insufficient_wallet_cash",
                        "Your wallet has " + available + " cents available"));
              }
              return ledger
                  .post(
                      conn,
                      LedgerTransaction.builder(
                              "checkout_wallet", "checkout:" + checkoutId + ":wallet")
                          .reference("checkout:" + checkoutId)
                          .debit(LedgerAccount.userCash(buyerId), walletCents)
                          .credit(LedgerAccount.providerClearing(payments.name()), walletCents)
                          .build())
                  .compose(
                      posted ->
                          conn.preparedQuery("UPDATE checkouts SET wallet_cents = $2 WHERE id = $1")
                              .execute(Tuple.of(checkoutId, walletCents)))
                  .mapEmpty();
            });
  }

  /** A declined card part gives the wallet part back (the reverse of {@link #spendWallet}). */
  private Future<Void> returnWallet(
      SqlConnection conn, long buyerId, long checkoutId, String provider, long walletCents) {
    if (walletCents <= 0) {
      return Future.succeededFuture();
    }
    return ledger
        .post(
            conn,
            LedgerTransaction.builder(
                    "checkout_wallet_returned", "checkout:" + checkoutId + ":wallet:returned")
                .reference("checkout:" + checkoutId)
                .debit(LedgerAccount.providerClearing(provider), walletCents)
                .credit(LedgerAccount.userCash(buyerId), walletCents)
                .build())
        .mapEmpty();
  }

  /**
   * Writes the priced orders and the checkout's totals, and takes the stock when {@code
   * takeStockNow}. After an in-process payment that already succeeded the orders are written paid,
   * and the totals are left to the statement that marks the checkout paid.
   */
  private Future<Started> write(
      SqlConnection conn,
      long buyerId,
      long checkoutId,
      JsonObject body,
      List<OrderPlan.Planned> plan,
      List<Stock.Want> wants,
      long total,
      long pointsRedeemed,
      boolean anyDue,
      boolean takeStockNow,
      PaymentResult payment,
      long walletCents) {
    boolean paid = payment != null && payment.status() == PaymentStatus.SUCCEEDED;
    // sent together on the connection (pipelined); the stock update goes last so its row locks are
    // held shortest
    Future<List<Order>> written =
        plan.isEmpty()
            ? Future.succeededFuture(List.of())
            : orders.insert(
                conn,
                buyerId,
                checkoutId,
                "cart",
                null,
                null,
                body.getJsonObject("shippingAddress"),
                holdSeconds,
                plan,
                paid);
    Future<?> totals =
        paid
            ? Future.succeededFuture()
            : conn.preparedQuery(
                    "UPDATE checkouts SET total_cents = $2, points_redeemed = $3 WHERE id = $1")
                .execute(Tuple.of(checkoutId, total, pointsRedeemed));
    if (!takeStockNow) {
      // not awaited here: the payment's statements follow on the connection without a round trip
      // between
      return Future.succeededFuture(
          new Started(
              checkoutId,
              false,
              total,
              pointsRedeemed,
              List.of(),
              wants,
              Future.all(written, totals),
              payment,
              anyDue || plan.isEmpty() ? null : written,
              walletCents));
    }
    Future<List<Stock.Taken>> taken =
        wants.isEmpty() ? Future.succeededFuture(List.of()) : Stock.take(conn, wants);
    return Future.all(written, totals, taken)
        .compose(v -> orders.lowStock(conn, taken.result()))
        .map(lowStock -> new Started(checkoutId, false, total, lowStock, walletCents));
  }

  /**
   * Takes the stock {@link #start} left untaken (409 out_of_stock or price_changed rolls everything
   * back).
   */
  private Future<Started> takeStock(SqlConnection conn, Started started) {
    if (started.untaken().isEmpty()) {
      return started.writing().map(started);
    }
    return started
        .writing()
        .compose(v -> Stock.take(conn, started.untaken()))
        .compose(taken -> orders.lowStock(conn, taken))
        .map(
            lowStock ->
                new Started(
                    started.checkoutId(),
                    false,
                    started.totalCents(),
                    started.pointsRedeemed(),
                    lowStock,
                    List.of(),
                    Future.succeededFuture(),
                    started.payment(),
                    null,
                    started.walletCents()));
  }

  /**
   * Asks the provider to charge the checkout's total, then applies the answer. Answers the
   * checkout's view when it was paid at once (built from what was just written), else null.
   */
  private Future<JsonObject> pay(
      long checkoutId, long total, @Nullable String paymentMethod, @Nullable String customerId) {
    if (total == 0) {
      return settleSucceeded(checkoutId, null);
    }
    return payments
        .pay(paymentRequest(checkoutId, total, paymentMethod, customerId))
        .recover(
            e -> {
              LOG.warn(
                  "Payment provider failed for checkout {}; a retry with the same key re-asks it",
                  checkoutId,
                  e);
              return Future.failedFuture(PaymentDeclined.unavailable(e));
            })
        .compose(result -> apply(checkoutId, result));
  }

  private static PaymentRequest paymentRequest(
      long checkoutId, long total, @Nullable String paymentMethod, @Nullable String customerId) {
    return new PaymentRequest(
        total,
        "usd",
        paymentMethod,
        customerId,
        customerId != null,
        "checkout-" + checkoutId,
        "Showfloor checkout #" + checkoutId,
        Map.of("kind", "checkout", "checkoutId", String.valueOf(checkoutId)));
  }

  private Future<JsonObject> apply(long checkoutId, PaymentResult result) {
    if (result.status() == PaymentStatus.SUCCEEDED) {
      return settleSucceeded(checkoutId, result.paymentId());
    }
    if (result.status().pending()) {
      return db.query(
              """
              UPDATE checkouts SET provider_payment_id = $2, client_secret = $3, payment_status = $4
              WHERE id = $1 AND status = 'pending'""",
              Tuple.of(
                  checkoutId, result.paymentId(), result.clientSecret(), result.status().apiName()))
          .map(v -> null);
    }
    return db.tx(conn -> declined(conn, checkoutId, result))
        .compose(v -> Future.failedFuture(PaymentDeclined.from(result)));
  }

  private Future<JsonObject> settleSucceeded(long checkoutId, @Nullable String paymentId) {
    List<Runnable> after = new ArrayList<>();
    JsonObject[] view = new JsonObject[1];
    return db.tx(conn -> succeeded(conn, checkoutId, paymentId, after, view))
        .map(
            v -> {
              PostCommit.run("checkout " + checkoutId, after);
              return view[0];
            });
  }

  public Future<String> succeeded(
      SqlConnection conn, long checkoutId, String paymentId, List<Runnable> after) {
    return succeeded(conn, checkoutId, paymentId, after, new JsonObject[1]);
  }

  /**
   * The payment succeeded (sync answer or webhook): marks the checkout and its orders paid and
   * posts the ledger, once. Orders that expired before the money arrived cannot be revived (their
   * units may be sold again): that part of the payment is booked as unapplied and refunded. {@code
   * after} collects what to announce once the transaction commits.
   */
  // the checkout and its unpaid orders, once: orders move only when this statement moved the
  // checkout
  private static final String MARK_PAID =
      """
      WITH c AS (
        UPDATE checkouts SET status = 'succeeded', payment_status = 'succeeded',
               provider_payment_id = COALESCE(provider_payment_id, $2), client_secret = NULL, completed_at = now(),
               -- the totals, when the checkout is paid in the transaction that priced it
               total_cents = COALESCE($3::bigint, total_cents), points_redeemed = COALESCE($4::bigint, points_redeemed)
        WHERE id = $1 AND status IN ('pending', 'failed', 'expired')
        RETURNING buyer_id, provider, provider_payment_id, total_cents, points_redeemed, payment_status, wallet_cents),
      o AS (
        UPDATE orders SET status = 'paid', paid_at = now(), expires_at = NULL, updated_at = now()
        WHERE checkout_id = $1 AND status = 'pending_payment' AND EXISTS (SELECT 1 FROM c))
      SELECT * FROM c""";

  private Future<String> succeeded(
      SqlConnection conn,
      long checkoutId,
      @Nullable String paymentId,
      List<Runnable> after,
      JsonObject[] view) {
    return succeeded(conn, checkoutId, paymentId, after, view, null, null, null);
  }

  // the buyer's and the sellers' display names for the receipt and the sellers' notices, read
  // after the marking (pipelined: it sees the orders this transaction wrote)
  private static final String NAMES =
      """
      SELECT id, display_name FROM user_directory
      WHERE id = ANY(ARRAY(SELECT seller_id FROM orders WHERE checkout_id = $1)
                     || ARRAY(SELECT buyer_id FROM checkouts WHERE id = $1))""";

  /**
   * {@code totals}: {total cents, points redeemed} to record with the marking, or null when already
   * recorded; {@code written}: the checkout's orders as this transaction wrote them paid (nothing
   * else can have touched them), or null to read them; {@code ahead}: the buyer known before the
   * marking and a last statement to send after the writes (see {@link Ahead}), or null.
   */
  private Future<String> succeeded(
      SqlConnection conn,
      long checkoutId,
      @Nullable String paymentId,
      List<Runnable> after,
      JsonObject[] view,
      long @Nullable [] totals,
      @Nullable Future<List<Order>> written,
      @Nullable Ahead ahead) {
    // the update and the reads go out together; the server runs them in order, so the reads see the
    // update
    Future<RowSet<Row>> marked =
        conn.preparedQuery(MARK_PAID)
            .execute(
                Tuple.of(
                    checkoutId,
                    paymentId,
                    totals == null ? null : totals[0],
                    totals == null ? null : totals[1]));
    Future<List<Order>> read = written != null ? written : OrderReads.byCheckout(conn, checkoutId);
    Future<RowSet<Row>> nameRows = conn.preparedQuery(NAMES).execute(Tuple.of(checkoutId));
    List<CheckoutListener.Prepared> prepared = new ArrayList<>();
    List<Future<?>> awaited = new ArrayList<>(List.of(marked, read, nameRows));
    if (ahead != null) {
      for (CheckoutListener listener : listeners) {
        CheckoutListener.Prepared p = listener.prepare(conn, ahead.buyerId());
        prepared.add(p);
        awaited.add(p.read());
      }
    }
    // every read has arrived before the writes go out, so they all go out together
    return Future.all(awaited)
        .compose(
            done -> {
              if (!marked.result().iterator().hasNext()) {
                Future<?> last = ahead == null ? Future.succeededFuture() : ahead.last().get();
                return last.map("checkout " + checkoutId + " already paid");
              }
              Row checkout = marked.result().iterator().next();
              long buyerId = checkout.getLong("buyer_id");
              String provider = checkout.getString("provider");
              // the ledger, the listeners, the notices and the receipt go out together (pipelined)
              ShopOrders.PaidOrders result = ShopOrders.PaidOrders.of(read.result());
              Future<Void> posted = orders.postPayment(conn, result.paid(), provider);
              Future<Void> told = Future.succeededFuture();
              for (int i = 0; i < listeners.size(); i++) {
                CheckoutListener.Prepared p =
                    ahead != null && buyerId == ahead.buyerId()
                        ? prepared.get(i)
                        : listeners.get(i).prepare(conn, buyerId);
                told = told.compose(v -> p.paid(conn, checkoutId, result.paid()));
              }
              java.util.Map<Long, String> named = new java.util.HashMap<>();
              named.put(buyerId, "user " + buyerId);
              result.paid().forEach(o -> named.put(o.sellerId(), "user " + o.sellerId()));
              nameRows
                  .result()
                  .forEach(r -> named.put(r.getLong("id"), r.getString("display_name")));
              Future<java.util.Map<Long, String>> names = Future.succeededFuture(named);
              Future<List<Notification>> stored =
                  names.compose(
                      name ->
                          notices.addAll(
                              conn,
                              result.paid().stream()
                                  .map(
                                      o ->
                                          new Notices.Draft(
                                              o.sellerId(),
                                              "order_paid",
                                              new JsonObject()
                                                  .put("orderId", o.id())
                                                  .put("totalCents", o.totalCents())
                                                  .put("buyerId", buyerId)
                                                  .put("buyerName", name.get(buyerId))))
                                  .toList()));
              // when every order had expired, the expiry gave the wallet part back: only the card's
              // part arrived late
              long lateCents =
                  Math.max(
                      0,
                      result.late().stream().mapToLong(Order::totalCents).sum()
                          - (result.paid().isEmpty() ? checkout.getLong("wallet_cents") : 0));
              Future<Void> late =
                  lateCents == 0
                      ? Future.succeededFuture()
                      : ledger
                          .post(
                              conn,
                              LedgerTransaction.builder(
                                      "late_payment", "checkout:" + checkoutId + ":late")
                                  .reference("checkout:" + checkoutId)
                                  .debit(LedgerAccount.providerClearing(provider), lateCents)
                                  .credit(LedgerAccount.unappliedPayments(), lateCents)
                                  .build())
                          .mapEmpty();
              String providerPaymentId = checkout.getString("provider_payment_id");
              Future<Void> receipt =
                  result.paid().isEmpty()
                      ? Future.succeededFuture()
                      : names.compose(
                          name ->
                              notices.mailAlways(
                                  conn,
                                  buyerId,
                                  "Your Showfloor receipt #" + checkoutId,
                                  Receipts.receipt(
                                      checkoutId,
                                      result.paid(),
                                      result.paid().stream().mapToLong(Order::totalCents).sum(),
                                      provider,
                                      name),
                                  "receipt-checkout-" + checkoutId));
              Future<?> last = ahead == null ? Future.succeededFuture() : ahead.last().get();
              // join, not all: a refused stock take must not end the transaction while the ledger
              // postings are still being sent, or they would go out after the ROLLBACK and commit
              // on their own (FlashCrowdTest)
              return Future.join(List.of(posted, told, stored, late, receipt, last))
                  .map(
                      v -> {
                        view[0] =
                            view(
                                checkoutId,
                                "succeeded",
                                checkout,
                                result.paid().size() + result.late().size() == 0
                                    ? List.of()
                                    : concat(result.paid(), result.late()));
                        after.add(
                            () -> {
                              stored.result().forEach(notices::push);
                              notices.sendMail();
                              result
                                  .paid()
                                  .forEach(
                                      o ->
                                          events.publish(
                                              "order:" + o.id(),
                                              "order.paid",
                                              new JsonObject()
                                                  .put("orderId", o.id())
                                                  .put("status", "paid")));
                              if (lateCents > 0) {
                                refundLate(checkoutId, provider, providerPaymentId, lateCents);
                              }
                            });
                        return "checkout "
                            + checkoutId
                            + " paid: "
                            + result.paid().size()
                            + " order(s)"
                            + (lateCents > 0
                                ? "; " + lateCents + " cents arrived after expiry and are refunded"
                                : "");
                      });
            });
  }

  private static List<Order> concat(List<Order> a, List<Order> b) {
    List<Order> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(java.util.Comparator.comparingLong(Order::id));
    return all;
  }

  /** Gives back money that arrived for orders already cancelled, and books it out of unapplied. */
  private void refundLate(long checkoutId, String provider, String paymentId, long cents) {
    payments
        .refund(
            new RefundRequest(
                paymentId,
                cents,
                "checkout-" + checkoutId + "-late",
                "orders expired before payment"))
        .compose(
            result ->
                !result.succeeded()
                    ? Future.failedFuture(result.failureReason())
                    : db.tx(
                        conn ->
                            ledger.post(
                                conn,
                                LedgerTransaction.builder(
                                        "late_payment_refund",
                                        "checkout:" + checkoutId + ":late:refunded")
                                    .reference("checkout:" + checkoutId)
                                    .debit(LedgerAccount.unappliedPayments(), cents)
                                    .credit(LedgerAccount.providerClearing(provider), cents)
                                    .build())))
        .onFailure(
            e ->
                LOG.error(
                    "Could not refund {} cents that arrived late for checkout {}: left in unapplied payments",
                    cents,
                    checkoutId,
                    e));
  }

  /**
   * The card was declined at checkout: cancel the cart's orders, give units, cart and points back,
   * free due orders.
   */
  private Future<Void> declined(SqlConnection conn, long checkoutId, PaymentResult result) {
    return conn.preparedQuery(
            """
            UPDATE checkouts SET status = 'failed', payment_status = 'failed', failure_code = $2,
                   provider_payment_id = COALESCE(provider_payment_id, $3), completed_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING buyer_id, provider, wallet_cents""")
        .execute(
            Tuple.of(
                checkoutId,
                result.failureCode() == null ? result.status().apiName() : result.failureCode(),
                result.paymentId()))
        .compose(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture();
              }
              Row declinedRow = rows.iterator().next();
              long buyerId = declinedRow.getLong("buyer_id");
              return returnWallet(
                      conn,
                      buyerId,
                      checkoutId,
                      declinedRow.getString("provider"),
                      declinedRow.getLong("wallet_cents"))
                  .compose(
                      r ->
                          conn.preparedQuery(
                                  "SELECT id FROM orders WHERE checkout_id = $1 AND source = 'cart'")
                              .execute(Tuple.of(checkoutId)))
                  .compose(
                      cartOrders -> {
                        List<Long> ids = new ArrayList<>();
                        cartOrders.forEach(r -> ids.add(r.getLong("id")));
                        return conn.preparedQuery(
                                """
                        INSERT INTO cart_items (buyer_id, product_id, quantity)
                        SELECT $1, product_id, LEAST(SUM(quantity), 100) FROM order_lines WHERE order_id = ANY($2::bigint[])
                        GROUP BY product_id ON CONFLICT (buyer_id, product_id) DO NOTHING""")
                            .execute(Tuple.of(buyerId).addArrayOfLong(ids.toArray(Long[]::new)))
                            .compose(v -> orders.cancelUnpaid(conn, ids, "payment_declined"));
                      })
                  .compose(
                      v ->
                          conn.preparedQuery(
                                  """
                      UPDATE orders SET checkout_id = NULL WHERE checkout_id = $1 AND source <> 'cart' AND status = 'pending_payment'""")
                              .execute(Tuple.of(checkoutId)))
                  .compose(v -> points.restore(conn, checkoutId));
            });
  }

  /** A later failure report (webhook): noted; the orders stay payable until they expire. */
  public Future<String> failedLater(SqlConnection conn, long checkoutId, String failureCode) {
    return conn.preparedQuery(
            """
            UPDATE checkouts SET failure_code = $2, payment_status = 'requires_payment_method' WHERE id = $1 AND status = 'pending'""")
        .execute(Tuple.of(checkoutId, failureCode))
        .map(
            rows ->
                rows.rowCount() > 0
                    ? "checkout " + checkoutId + " payment attempt failed (" + failureCode + ")"
                    : "checkout " + checkoutId + " already settled");
  }

  /** The checkout as the buyer sees it: its orders and where its payment stands. */
  public Future<IdempotentResult<JsonObject>> answer(long checkoutId, boolean replayed) {
    return view(checkoutId).map(json -> result(json, replayed));
  }

  private static IdempotentResult<JsonObject> result(JsonObject view, boolean replayed) {
    return new IdempotentResult<>(view, replayed);
  }

  public Future<JsonObject> view(long checkoutId) {
    Future<Row> checkout = db.one("SELECT * FROM checkouts WHERE id = $1", Tuple.of(checkoutId));
    Future<List<Order>> list = OrderReads.byCheckout(db.pool(), checkoutId);
    return Future.all(checkout, list)
        .map(
            done ->
                view(
                    checkoutId,
                    checkout.result().getString("status"),
                    checkout.result(),
                    list.result()));
  }

  private static JsonObject view(long checkoutId, String status, Row checkout, List<Order> list) {
    JsonArray orderJson = new JsonArray();
    list.forEach(o -> orderJson.add(o.toJson(false)));
    JsonObject payment =
        new JsonObject()
            .put("provider", checkout.getString("provider"))
            .put(
                "status",
                "succeeded".equals(status)
                    ? "succeeded"
                    : "failed".equals(status)
                        ? "failed"
                        : "expired".equals(status)
                            ? "expired"
                            : checkout.getString("payment_status"))
            .put("amountCents", checkout.getLong("total_cents"));
    if ("pending".equals(status) && checkout.getString("client_secret") != null) {
      payment.put("clientSecret", checkout.getString("client_secret"));
    }
    if (checkout.getString("provider_payment_id") != null) {
      payment.put("paymentId", checkout.getString("provider_payment_id"));
    }
    if ("failed".equals(status) || "pending".equals(status)) {
      String failure =
          checkout.getColumnIndex("failure_code") >= 0 ? checkout.getString("failure_code") : null;
      if (failure != null) {
        payment.put("failureCode", failure);
      }
    }
    return new JsonObject()
        .put("checkoutId", checkoutId)
        .put("status", status)
        .put("totalCents", checkout.getLong("total_cents"))
        .put("pointsRedeemed", checkout.getLong("points_redeemed"))
        .put("walletCents", walletCents(checkout))
        .put("orders", orderJson)
        .put("payment", payment);
  }

  private static long walletCents(Row checkout) {
    return checkout.getColumnIndex("wallet_cents") >= 0 && checkout.getLong("wallet_cents") != null
        ? checkout.getLong("wallet_cents")
        : 0L;
  }

  public Future<Long> buyerOf(long checkoutId) {
    return db.one("SELECT buyer_id FROM checkouts WHERE id = $1", Tuple.of(checkoutId))
        .map(row -> row == null ? null : row.getLong("buyer_id"));
  }
}
