package io.showfloor.commerce.order;

import io.showfloor.commerce.CommerceSettings;
import io.showfloor.commerce.Notices;
import io.showfloor.commerce.Receipts;
import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.notify.Notification;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.security.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's orders (not the market's): their life after checkout — paid (with its ledger split),
 * shipped, cancelled or expired (delivery is {@link Deliveries}'). Also the entry point for other
 * domains that sell at their own price inside their own transaction: {@link #createLockedOrder}
 * (won lots, flash-sale buys).
 */
public final class ShopOrders {
  private static final Logger LOG = LoggerFactory.getLogger(ShopOrders.class);
  // one round trip: the orders (one per seller) and their lines, joined on the seller, answered as
  // written
  // (each order with its lines as JSON), so a checkout paid in the same transaction need not read
  // them back
  private static final String INSERT_ORDERS =
      """
      WITH o AS (
        INSERT INTO orders (buyer_id, seller_id, checkout_id, source, source_ref, show_id, items_cents, shipping_cents,
                            discount_cents, total_cents, fee_cents, commission_cents, shipping_address, expires_at,
                            status, paid_at)
        SELECT $1, o.seller, $2, $3, $4, $5, o.items, o.shipping, o.discount, o.items + o.shipping - o.discount, o.fee,
               o.commission, $6, CASE WHEN NOT $24::boolean THEN now() + $7::bigint * interval '1 second' END,
               CASE WHEN $24::boolean THEN 'paid' ELSE 'pending_payment' END, CASE WHEN $24::boolean THEN now() END
        FROM unnest($8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[])
             AS o(seller, items, shipping, discount, fee, commission)
        RETURNING """
          + " "
          + Order.COLUMNS
          + """
      ),
      l AS (
        INSERT INTO order_lines (order_id, product_id, title, unit_price_cents, quantity, line_cents, fee_cents,
                                 creator_id, commission_bps, commission_cents)
        SELECT o.id, x.product_id, x.title, x.unit_price, x.quantity, x.line_cents, x.fee, x.creator_id, x.bps, x.commission
        FROM unnest($14::bigint[], $15::bigint[], $16::text[], $17::bigint[], $18::int[], $19::bigint[], $20::bigint[],
                    $21::bigint[], $22::int[], $23::bigint[])
             AS x(seller_id, product_id, title, unit_price, quantity, line_cents, fee, creator_id, bps, commission)
        JOIN o ON o.seller_id = x.seller_id
        RETURNING """
          + " "
          + OrderLine.COLUMNS
          + """
      )
      SELECT o.*, (SELECT json_agg(l ORDER BY l.id) FROM l WHERE l.order_id = o.id) AS lines FROM o""";

  private final Database db;
  private final EventPublisher events;
  private final Ledger ledger;
  private final Notices notices;
  private final CommerceSettings.OrderTerms settings;
  private final DeliveryTerms terms;
  private final io.showfloor.commerce.address.Addresses addresses;

  public ShopOrders(
      Database db,
      EventPublisher events,
      Ledger ledger,
      Notices notices,
      CommerceSettings settings) {
    this.db = db;
    this.events = events;
    this.ledger = ledger;
    this.notices = notices;
    this.settings = settings.orders();
    this.terms = settings.delivery();
    this.addresses = new io.showfloor.commerce.address.Addresses(db);
  }

  /** The fee, payment windows and checkout hold every order is made with. */
  public CommerceSettings.OrderTerms orderTerms() {
    return settings;
  }

  public DeliveryTerms deliveryTerms() {
    return terms;
  }

  public io.showfloor.commerce.address.Addresses addresses() {
    return addresses;
  }

  /**
   * Creates a won lot's or a flash-sale buy's order inside the caller's transaction: takes the
   * units from stock (409 out_of_stock when gone), prices the line (platform fee, creator
   * commission) and leaves the order pending payment until its window closes. It appears in the
   * buyer's cart as a due order, cannot be removed, and is paid by the buyer's next checkout (or
   * expires, giving the units back). Returns the order id.
   *
   * <pre>{@code
   * db.tx(conn -> closeLot(conn, lot).compose(won ->
   *     orders.createLockedOrder(conn, LockedOrder.lot(lot.id(), won.bidderId(), lot.sellerId(),
   *         lot.productId(), won.priceCents(), lot.showId(), creatorId, commissionBps))));
   * }</pre>
   */
  public Future<Long> createLockedOrder(SqlConnection conn, LockedOrder spec) {
    if (spec.buyerId() == spec.sellerId()) {
      return Future.failedFuture(
          Refused.unprocessable("own_product", "A seller cannot buy their own product"));
    }
    return takeOwn(conn, spec.productId(), spec.sellerId(), spec.quantity())
        .compose(
            taken -> {
              Stock.Taken product = taken.get(0);
              OrderPlan.Item item =
                  new OrderPlan.Item(
                      spec.productId(),
                      spec.sellerId(),
                      product.title(),
                      spec.unitPriceCents(),
                      spec.quantity(),
                      product.shippingCents(),
                      spec.creatorId(),
                      spec.commissionBps());
              long window =
                  spec.paymentWindowSeconds() != null
                      ? spec.paymentWindowSeconds()
                      : "lot".equals(spec.source()) || "giveaway".equals(spec.source())
                          ? settings.lotPaymentSeconds()
                          : settings.flashSalePaymentSeconds();
              // made without a checkout: it ships to the buyer's default address as it is now
              // (changeable until shipped)
              return addresses
                  .defaultOf(conn, spec.buyerId())
                  .compose(
                      address ->
                          insert(
                              conn,
                              spec.buyerId(),
                              null,
                              spec.source(),
                              spec.sourceRef(),
                              spec.showId(),
                              address,
                              window,
                              OrderPlan.plan(List.of(item), settings.platformFeeBps(), 0),
                              false))
                  .compose(written -> lowStock(conn, taken).map(n -> written.get(0).id()));
            });
  }

  /** Takes units of the seller's own product; a product of someone else is a caller's bug. */
  private static Future<List<Stock.Taken>> takeOwn(
      SqlConnection conn, long productId, long sellerId, int quantity) {
    return Stock.take(conn, Map.of(productId, quantity))
        .compose(
            taken ->
                taken.get(0).sellerId() == sellerId
                    ? Future.succeededFuture(taken)
                    : Future.failedFuture(
                        new IllegalArgumentException(
                            "product " + productId + " is not seller " + sellerId + "'s")));
  }

  /**
   * Creates a free order (a giveaway prize, a redeemed instrument) inside the caller's transaction:
   * takes one unit from stock (409 out_of_stock when gone), writes the order paid at $0 with free
   * shipping, and tells the seller there is an item to ship. Returns the order and the notice to
   * push after the commit.
   */
  public Future<FreeOrderWritten> createFreeOrder(SqlConnection conn, FreeOrder spec) {
    return takeOwn(conn, spec.productId(), spec.sellerId(), 1)
        .compose(
            taken -> {
              Stock.Taken product = taken.get(0);
              OrderPlan.Item item =
                  new OrderPlan.Item(
                      spec.productId(), spec.sellerId(), product.title(), 0, 1, 0, null, null);
              Future<JsonObject> address =
                  spec.address() != null
                      ? Future.succeededFuture(spec.address())
                      : addresses.defaultOf(conn, spec.buyerId());
              return address
                  .compose(
                      to ->
                          insert(
                              conn,
                              spec.buyerId(),
                              null,
                              spec.source(),
                              spec.sourceRef(),
                              spec.showId(),
                              to,
                              0,
                              OrderPlan.plan(List.of(item), settings.platformFeeBps(), 0),
                              true))
                  .compose(
                      written -> {
                        Order order = written.get(0);
                        return notices
                            .name(conn, spec.buyerId())
                            .compose(
                                buyerName ->
                                    notices.add(
                                        conn,
                                        spec.sellerId(),
                                        "order_to_ship",
                                        new JsonObject()
                                            .put("orderId", order.id())
                                            .put("source", spec.source())
                                            .put("title", product.title())
                                            .put("buyerId", spec.buyerId())
                                            .put("buyerName", buyerName)))
                            .compose(
                                notice ->
                                    lowStock(conn, taken)
                                        .map(
                                            low -> {
                                              List<Notification> all = new ArrayList<>(low);
                                              all.add(notice);
                                              return new FreeOrderWritten(order, all);
                                            }));
                      });
            });
  }

  /** A free order as written, and the notices to push once its transaction commits. */
  public record FreeOrderWritten(Order order, List<Notification> notices) {
    public void push(Notices to) {
      notices.forEach(to::push);
    }
  }

  public Notices notices() {
    return notices;
  }

  /**
   * Writes planned orders and their lines; answers them as written, in plan order. They wait for
   * payment for {@code windowSeconds}, or are written {@code paid} when their checkout's payment
   * already succeeded in the same transaction (whose ledger split that transaction posts).
   */
  public Future<List<Order>> insert(
      SqlConnection conn,
      long buyerId,
      @Nullable Long checkoutId,
      String source,
      @Nullable String sourceRef,
      @Nullable Long showId,
      @Nullable JsonObject address,
      long windowSeconds,
      List<OrderPlan.Planned> plan,
      boolean paid) {
    int n = plan.size();
    Long[] sellers = new Long[n],
        items = new Long[n],
        shipping = new Long[n],
        discount = new Long[n],
        fee = new Long[n],
        commission = new Long[n];
    for (int i = 0; i < n; i++) {
      OrderPlan.Planned p = plan.get(i);
      sellers[i] = p.sellerId();
      items[i] = p.itemsCents();
      shipping[i] = p.shippingCents();
      discount[i] = p.discountCents();
      fee[i] = p.feeCents();
      commission[i] = p.commissionCents();
    }
    Tuple args =
        Tuple.of(buyerId, checkoutId, source, sourceRef, showId, address, windowSeconds)
            .addArrayOfLong(sellers)
            .addArrayOfLong(items)
            .addArrayOfLong(shipping)
            .addArrayOfLong(discount)
            .addArrayOfLong(fee)
            .addArrayOfLong(commission);
    List<Object[]> lines = new ArrayList<>();
    for (OrderPlan.Planned p : plan) {
      for (OrderPlan.Line l : p.lines()) {
        lines.add(
            new Object[] {
              p.sellerId(),
              l.item().productId(),
              l.item().title(),
              l.item().unitPriceCents(),
              l.item().quantity(),
              l.lineCents(),
              l.feeCents(),
              l.item().creatorId(),
              l.item().commissionBps(),
              l.commissionCents()
            });
      }
    }
    args.addArrayOfLong(lines.stream().map(l -> (Long) l[0]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[1]).toArray(Long[]::new))
        .addArrayOfString(lines.stream().map(l -> (String) l[2]).toArray(String[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[3]).toArray(Long[]::new))
        .addArrayOfInteger(lines.stream().map(l -> (Integer) l[4]).toArray(Integer[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[5]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[6]).toArray(Long[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[7]).toArray(Long[]::new))
        .addArrayOfInteger(lines.stream().map(l -> (Integer) l[8]).toArray(Integer[]::new))
        .addArrayOfLong(lines.stream().map(l -> (Long) l[9]).toArray(Long[]::new))
        .addBoolean(paid);
    return conn.preparedQuery(INSERT_ORDERS)
        .execute(args)
        .map(
            rows -> {
              Map<Long, Order> orderBySeller = new HashMap<>();
              rows.forEach(
                  r -> {
                    List<OrderLine> written = new ArrayList<>();
                    ((JsonArray) r.getValue("lines"))
                        .forEach(line -> written.add(OrderLine.of((JsonObject) line)));
                    orderBySeller.put(r.getLong("seller_id"), Order.of(r, written));
                  });
              return plan.stream().map(p -> orderBySeller.get(p.sellerId())).toList();
            });
  }

  /** Stores a low-stock notice for each product this sale took to its seller's threshold. */
  public Future<List<Notification>> lowStock(SqlConnection conn, List<Stock.Taken> taken) {
    Future<List<Notification>> all = Future.succeededFuture(new ArrayList<>());
    for (Stock.Taken t : taken) {
      if (t.crossedLowStock()) {
        all =
            all.compose(
                list ->
                    notices
                        .add(
                            conn,
                            t.sellerId(),
                            "low_stock",
                            new JsonObject()
                                .put("productId", t.productId())
                                .put("title", t.title())
                                .put("quantity", t.stockLeft())
                                .put("threshold", t.lowStockThreshold()))
                        .map(
                            notice -> {
                              list.add(notice);
                              return list;
                            }));
      }
    }
    return all;
  }

  /**
   * The orders a checkout's payment made paid, and those it came too late for (cancelled
   * meanwhile).
   */
  public record PaidOrders(List<Order> paid, List<Order> late) {
    /** A checkout's orders read after its payment marked them: cancelled ones came too late. */
    public static PaidOrders of(List<Order> checkoutOrders) {
      return new PaidOrders(
          checkoutOrders.stream().filter(o -> !"cancelled".equals(o.status())).toList(),
          checkoutOrders.stream().filter(o -> "cancelled".equals(o.status())).toList());
    }
  }

  /**
   * Posts the ledger split of orders a payment made paid, in the caller's transaction. The
   * checkout's own statement marks them paid, conditional on {@code pending_payment}, so the sync
   * answer, the webhook and a retry pay each order once; the ledger's keys make the posting once
   * too.
   */
  public Future<Void> postPayment(SqlConnection conn, List<Order> paid, String provider) {
    return ledger
        .postAll(conn, paid.stream().map(o -> OrderLedger.paid(o, provider)).toList())
        .mapEmpty();
  }

  /**
   * Cancels those of these orders still unpaid and gives their units back; returns the ids
   * cancelled.
   */
  public Future<List<Long>> cancelUnpaid(SqlConnection conn, List<Long> orderIds, String reason) {
    return conn.preparedQuery(
            """
            UPDATE orders SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now()
            WHERE id = ANY($1::bigint[]) AND status = 'pending_payment' RETURNING id""")
        .execute(Tuple.tuple().addArrayOfLong(orderIds.toArray(Long[]::new)).addString(reason))
        .compose(
            rows -> {
              List<Long> cancelled = new ArrayList<>();
              rows.forEach(r -> cancelled.add(r.getLong("id")));
              return Stock.giveBack(conn, cancelled).map(v -> cancelled);
            });
  }

  /**
   * Cancels unpaid orders past their deadline, on any node: rows are claimed with SKIP LOCKED so
   * nodes share the work, and the conditional update means a payment committed meanwhile wins.
   */
  public Future<Integer> expireDue() {
    return db.tx(
            conn ->
                conn.preparedQuery(
                        """
                SELECT id FROM orders WHERE status = 'pending_payment' AND expires_at < now()
                ORDER BY expires_at LIMIT 200 FOR UPDATE SKIP LOCKED""")
                    .execute()
                    .compose(
                        rows -> {
                          List<Long> ids = new ArrayList<>();
                          rows.forEach(r -> ids.add(r.getLong("id")));
                          if (ids.isEmpty()) {
                            return Future.succeededFuture(List.<Long>of());
                          }
                          return cancelUnpaid(conn, ids, "payment_expired")
                              .compose(
                                  cancelled ->
                                      conn.preparedQuery(
                                              """
                      UPDATE checkouts c SET status = 'expired', completed_at = now()
                      WHERE c.status = 'pending' AND c.id IN (SELECT checkout_id FROM orders WHERE id = ANY($1::bigint[]))
                        AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.checkout_id = c.id AND o.status <> 'cancelled')
                      RETURNING c.id, c.buyer_id, c.provider, c.wallet_cents""")
                                          .execute(
                                              Tuple.tuple()
                                                  .addArrayOfLong(cancelled.toArray(Long[]::new)))
                                          .compose(expired -> returnWallets(conn, expired))
                                          .map(v -> cancelled));
                        }))
        .onSuccess(
            cancelled -> {
              if (!cancelled.isEmpty()) {
                LOG.info("Expired {} unpaid orders", cancelled.size());
                cancelled.forEach(
                    id ->
                        events.publish(
                            "order:" + id, "order.expired", new JsonObject().put("orderId", id)));
              }
            })
        .map(List::size);
  }

  /**
   * An expired checkout that was paid partly from the wallet gives that part back (the reverse of
   * {@code checkout:<id>:wallet}, as a declined card does).
   */
  private Future<Void> returnWallets(SqlConnection conn, RowSet<Row> expired) {
    List<LedgerTransaction> returns = new ArrayList<>();
    for (Row c : expired) {
      long cents = c.getLong("wallet_cents");
      if (cents > 0) {
        returns.add(
            LedgerTransaction.builder(
                    "checkout_wallet_returned", "checkout:" + c.getLong("id") + ":wallet:returned")
                .reference("checkout:" + c.getLong("id"))
                .debit(LedgerAccount.providerClearing(c.getString("provider")), cents)
                .credit(LedgerAccount.userCash(c.getLong("buyer_id")), cents)
                .build());
      }
    }
    return returns.isEmpty() ? Future.succeededFuture() : ledger.postAll(conn, returns).mapEmpty();
  }

  // ---- reading ----

  public Future<Order> visible(Caller caller, long id) {
    return OrderReads.get(db.pool(), id, false)
        .map(
            order -> {
              if (order == null
                  || !(order.buyerId() == caller.userId()
                      || order.sellerId() == caller.userId()
                      || caller.hasRole("admin"))) {
                throw Refused.notFound("order_not_found", "No order " + id);
              }
              return order;
            });
  }

  public static boolean seesSplit(Caller caller, Order order) {
    return order.sellerId() == caller.userId() || caller.hasRole("admin");
  }

  /**
   * The order as this caller sees it: with {@code autoDeliverAt} while it waits for delivery, and
   * for its seller (and admins) the split and {@code payableAt}, when its money leaves the payout
   * hold.
   */
  public JsonObject view(Caller caller, Order order) {
    boolean split = seesSplit(caller, order);
    JsonObject json = order.toJson(split).put("autoDeliverAt", time(terms.autoDeliverAt(order)));
    return split ? json.put("payableAt", time(terms.payableAt(order))) : json;
  }

  private static @Nullable String time(java.time.@Nullable OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  /** The caller's orders as buyer (default) or seller, newest first. */
  public Future<JsonObject> list(
      Caller caller, String role, String status, @Nullable Long before, int limit) {
    boolean asSeller = "seller".equals(role);
    String column = asSeller ? "seller_id" : "buyer_id";
    return db.query(
            "SELECT "
                + Order.COLUMNS
                + " FROM orders WHERE "
                + column
                + " = $1"
                + " AND ($2::text IS NULL OR status = $2) AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4",
            Tuple.of(caller.userId(), status, before, limit + 1))
        .compose(
            rows ->
                OrderReads.withLines(db.pool(), rows)
                    .map(
                        orders -> {
                          Map<Long, Order> byId = new HashMap<>();
                          orders.forEach(o -> byId.put(o.id(), o));
                          return KeysetPage.of(
                              rows,
                              limit,
                              row ->
                                  view(
                                      caller,
                                      java.util.Objects.requireNonNull(
                                          byId.get(row.getLong("id")))));
                        }));
  }

  // ---- fulfilment ----

  /** The seller marks a paid order shipped; the buyer is told (in-app) with the tracking number. */
  public Future<Order> ship(Caller caller, long id, String carrier, String trackingNumber) {
    // nothing ships without somewhere to go (addresses are only ever set, never cleared, so no
    // race)
    return OrderReads.get(db.pool(), id, false)
        .compose(
            order ->
                order != null
                        && order.shippingAddress() == null
                        && (order.sellerId() == caller.userId() || caller.hasRole("admin"))
                        && List.of("paid", "partially_refunded").contains(order.status())
                    ? Future.failedFuture(
                        Refused.conflict(
                            "address_missing",
                            "Order #"
                                + id
                                + " has no shipping address yet; the buyer must add one before it can ship"))
                    : Future.succeededFuture())
        .compose(
            ok ->
                transition(
                    caller,
                    id,
                    true,
                    false,
                    "shipped",
                    List.of("paid", "partially_refunded"),
                    "shipped_at = now(), carrier = $3, tracking_number = $4",
                    carrier,
                    trackingNumber,
                    order ->
                        new JsonObject()
                            .put("orderId", order.id())
                            .put("carrier", carrier)
                            .put("trackingNumber", trackingNumber),
                    "order_shipped",
                    true,
                    (conn, order) ->
                        notices
                            .name(conn, order.sellerId())
                            .compose(
                                seller ->
                                    notices.mail(
                                        conn,
                                        order.buyerId(),
                                        NotificationTopics.ORDERS,
                                        "Your order #" + order.id() + " has shipped from " + seller,
                                        Receipts.shipped(order, seller, carrier, trackingNumber),
                                        "order-shipped-" + order.id()))));
  }

  /**
   * The buyer points an order that has not shipped yet at another address: one of their address
   * book ({@code addressId}) or one given in full (validated like the book's). 409 order_state once
   * shipped.
   */
  public Future<Order> changeAddress(Caller caller, long id, JsonObject body) {
    Long addressId = body.getLong("addressId");
    JsonObject given = body.copy();
    given.remove("addressId");
    if (addressId != null && !given.isEmpty()) {
      return Future.failedFuture(
          Refused.invalid("validation_failed", "Give either addressId or an address, not both"));
    }
    return db.tx(
        conn ->
            OrderReads.get(conn, id, true)
                .compose(
                    order -> {
                      if (order == null || order.buyerId() != caller.userId()) {
                        return Future.failedFuture(
                            Refused.notFound("order_not_found", "No order " + id));
                      }
                      if (!List.of("pending_payment", "paid", "partially_refunded")
                              .contains(order.status())
                          || order.shippedAt() != null) {
                        return Future.failedFuture(
                            Refused.conflict(
                                "order_state",
                                "The order is "
                                    + order.status()
                                    + "; its address can change only until it ships"));
                      }
                      Future<JsonObject> address =
                          addressId == null
                              ? Future.succeededFuture(
                                  io.showfloor.commerce.address.Addresses.valid(given))
                              : addresses.one(conn, caller.userId(), addressId);
                      return address
                          .compose(
                              to ->
                                  conn.preparedQuery(
                                          "UPDATE orders SET shipping_address = $2, updated_at = now() WHERE id = $1")
                                      .execute(Tuple.of(id, to)))
                          .compose(v -> OrderReads.get(conn, id, false));
                    }));
  }

  /**
   * Cancels an order that is not paid yet; its units go back to stock. The buyer may cancel their
   * own cart order. The seller may cancel any of their unpaid orders (a won lot inside its payment
   * window included) but must say why: the buyer sees the reason on the order, in a notice and a
   * mail. A won lot cancelled so goes to the runner-up like one whose window closed.
   */
  public Future<Order> cancel(Caller caller, long id, String reason) {
    List<Notification> stored = new ArrayList<>();
    return db.tx(
            conn ->
                OrderReads.get(conn, id, true)
                    .compose(
                        order -> {
                          boolean buyer = order != null && order.buyerId() == caller.userId();
                          boolean seller = order != null && order.sellerId() == caller.userId();
                          if (order == null || !(buyer || seller)) {
                            return Future.failedFuture(
                                Refused.notFound("order_not_found", "No order " + id));
                          }
                          if (!"pending_payment".equals(order.status())) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "order_not_cancellable",
                                    "Only an unpaid order can be cancelled; this one is "
                                        + order.status()));
                          }
                          if (buyer) {
                            if (!"cart".equals(order.source())) {
                              return Future.failedFuture(
                                  Refused.conflict(
                                      "order_not_cancellable",
                                      "A won lot cannot be cancelled by the buyer"));
                            }
                            return cancelUnpaid(conn, List.of(id), "cancelled_by_buyer")
                                .compose(v -> OrderReads.get(conn, id, false));
                          }
                          if (order.checkoutId() != null) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "payment_in_progress",
                                    "A payment for this order is in progress; try again once it has finished"));
                          }
                          String note = reason == null ? "" : reason.strip();
                          if (note.isEmpty()) {
                            return Future.failedFuture(
                                Refused.invalid(
                                    "reason_required",
                                    "Say why you cancel the buyer's order: they will read it"));
                          }
                          return cancelUnpaid(conn, List.of(id), "cancelled_by_seller")
                              .compose(
                                  v ->
                                      conn.preparedQuery(
                                              "UPDATE orders SET cancel_note = $2 WHERE id = $1")
                                          .execute(Tuple.of(id, note)))
                              .compose(v -> notices.name(conn, order.sellerId()))
                              .compose(
                                  sellerName ->
                                      notices
                                          .add(
                                              conn,
                                              order.buyerId(),
                                              "order_cancelled_by_seller",
                                              new JsonObject()
                                                  .put("orderId", id)
                                                  .put("reason", note)
                                                  .put("sellerId", order.sellerId())
                                                  .put("sellerName", sellerName))
                                          .compose(
                                              notice -> {
                                                stored.add(notice);
                                                return notices.mail(
                                                    conn,
                                                    order.buyerId(),
                                                    NotificationTopics.ORDERS,
                                                    "Your order #"
                                                        + id
                                                        + " was cancelled by the seller",
                                                    Receipts.cancelledBySeller(
                                                        order, sellerName, note),
                                                    "order-cancelled-" + id);
                                              }))
                              .compose(v -> OrderReads.get(conn, id, false));
                        }))
        .onSuccess(
            order -> {
              stored.forEach(notices::push);
              notices.sendMail();
              events.publish(
                  "order:" + id,
                  "order.cancelled",
                  new JsonObject().put("orderId", id).put("status", "cancelled"));
            });
  }

  private Future<Order> transition(
      Caller caller,
      long id,
      boolean sellerMay,
      boolean buyerMay,
      String to,
      List<String> from,
      String setClause,
      @Nullable String a,
      @Nullable String b,
      java.util.function.Function<Order, JsonObject> noticeData,
      String noticeKind,
      boolean noticeToBuyer,
      java.util.function.BiFunction<SqlConnection, Order, Future<Void>> mail) {
    List<Notification> stored = new ArrayList<>();
    return db.tx(
            conn ->
                OrderReads.get(conn, id, true)
                    .compose(
                        order -> {
                          boolean seller = order != null && order.sellerId() == caller.userId();
                          boolean buyer = order != null && order.buyerId() == caller.userId();
                          if (order == null || !(seller || buyer || caller.hasRole("admin"))) {
                            return Future.failedFuture(
                                Refused.notFound("order_not_found", "No order " + id));
                          }
                          if (!((sellerMay && seller)
                              || (buyerMay && buyer)
                              || caller.hasRole("admin"))) {
                            return Future.failedFuture(
                                Refused.forbidden(
                                    "not_allowed",
                                    "Only the "
                                        + (sellerMay ? "seller" : "buyer")
                                        + " may do this"));
                          }
                          if (!from.contains(order.status())) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "order_state",
                                    "The order is "
                                        + order.status()
                                        + "; it must be "
                                        + String.join(" or ", from)));
                          }
                          String sql =
                              "UPDATE orders SET status = $2, updated_at = now(), "
                                  + setClause
                                  + " WHERE id = $1";
                          Tuple args = a == null ? Tuple.of(id, to) : Tuple.of(id, to, a, b);
                          long notify = noticeToBuyer ? order.buyerId() : order.sellerId();
                          return conn.preparedQuery(sql)
                              .execute(args)
                              .compose(v -> mail.apply(conn, order))
                              .compose(
                                  v ->
                                      notices.add(
                                          conn, notify, noticeKind, noticeData.apply(order)))
                              .compose(
                                  notice -> {
                                    stored.add(notice);
                                    return OrderReads.get(conn, id, false);
                                  });
                        }))
        .onSuccess(
            order -> {
              stored.forEach(notices::push);
              notices.sendMail();
              events.publish(
                  "order:" + id,
                  "order." + to,
                  new JsonObject().put("orderId", id).put("status", to));
            });
  }
}
