package io.showfloor.auction;

import io.showfloor.commerce.Commerce;
import io.showfloor.commerce.catalog.StockHolds;
import io.showfloor.commerce.order.LockedOrder;
import io.showfloor.commerce.order.ShopOrders;
import io.showfloor.notify.NotificationTopics;
import io.showfloor.platform.Money;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Show sales through commerce. Stock a lot, flash sale or giveaway offers is held from the product
 * when it is offered, so the catalog cannot sell the same unit meanwhile; when a unit sells, it is
 * handed back and taken again by {@link ShopOrders#createLockedOrder} in the same transaction.
 */
public final class CommerceSaleOrders implements SaleOrders {
  private static final String SHIPPING =
      "SELECT shipping_cents FROM product_directory WHERE id = $1";
  private static final Logger LOG = LoggerFactory.getLogger(CommerceSaleOrders.class);
  private final Commerce commerce;
  private final ShopOrders orders;

  public CommerceSaleOrders(Commerce commerce) {
    this.commerce = commerce;
    this.orders = commerce.orders();
  }

  @Override
  public Future<Prize> createPrizeOrder(
      SqlConnection conn, Sale prize, String title, boolean winnerPaysShipping) {
    if (!winnerPaysShipping) {
      return freePrize(conn, prize, title);
    }
    return conn.preparedQuery(SHIPPING)
        .execute(Tuple.of(prize.productId()))
        .compose(
            rows -> {
              long shippingCents = rows.iterator().next().getLong("shipping_cents");
              // a product that ships free has no shipping for the winner to pay
              return shippingCents == 0
                  ? freePrize(conn, prize, title)
                  : prizeWithShipping(conn, prize, title, shippingCents);
            });
  }

  /**
   * The winner pays the prize's shipping: a $0 order due for it, like a won lot (the saved card is
   * charged after the commit, else the cart), and the winner told how much and by when.
   */
  private Future<Prize> prizeWithShipping(
      SqlConnection conn, Sale prize, String title, long shippingCents) {
    return releaseStock(conn, prize.productId(), 1)
        .compose(
            v ->
                orders.createLockedOrder(
                    conn,
                    LockedOrder.prizeWithShipping(
                        prize.sourceId(),
                        prize.buyerId(),
                        prize.sellerId(),
                        prize.productId(),
                        prize.showId())))
        .compose(
            orderId ->
                announceWin(
                        conn,
                        prize,
                        title,
                        orderId,
                        shippingCents,
                        seller ->
                            ". The item is free; "
                                + seller
                                + " asks the winner to pay its shipping, "
                                + Money.dollars(shippingCents)
                                + ": order #"
                                + orderId
                                + " is charged to your saved card, or waits in your cart until its payment window closes. You can change its address until it ships.\n")
                    .map(
                        tellWinner ->
                            new Prize(
                                orderId,
                                () -> {
                                  tellWinner.run();
                                  chargeSavedCard(prize.buyerId(), "giveaway:" + prize.sourceId());
                                })));
  }

  /** The prize ships free: a paid $0 order, in the seller's to-ship list at once. */
  private Future<Prize> freePrize(SqlConnection conn, Sale prize, String title) {
    var notices = orders.notices();
    // the unit held since the giveaway opened is handed back and taken again by the prize's order
    return releaseStock(conn, prize.productId(), 1)
        .compose(
            v ->
                orders.createFreeOrder(
                    conn,
                    new io.showfloor.commerce.order.FreeOrder(
                        "giveaway",
                        "giveaway:" + prize.sourceId(),
                        prize.buyerId(),
                        prize.sellerId(),
                        prize.productId(),
                        prize.showId(),
                        null)))
        .compose(
            written ->
                announceWin(
                        conn,
                        prize,
                        title,
                        written.order().id(),
                        null,
                        seller ->
                            ". It ships to you for free: order #"
                                + written.order().id()
                                + ", nothing to pay. You can change its address until it ships.\n")
                    .map(
                        tellWinner ->
                            new Prize(
                                written.order().id(),
                                () -> {
                                  written.push(notices);
                                  tellWinner.run();
                                })));
  }

  /**
   * Writes the winner's {@code giveaway_won} notice and mail in the prize's transaction; the
   * answer, run after the commit, pushes the notice and sends the mail. {@code shippingCents} is
   * what the winner pays (null: nothing); {@code rest} ends the mail's "You won … from seller".
   */
  private Future<Runnable> announceWin(
      SqlConnection conn,
      Sale prize,
      String title,
      long orderId,
      @Nullable Long shippingCents,
      Function<String, String> rest) {
    var notices = orders.notices();
    return notices
        .name(conn, prize.sellerId())
        .compose(
            seller -> {
              JsonObject payload =
                  new JsonObject()
                      .put("giveawayId", prize.sourceId())
                      .put("showId", prize.showId())
                      .put("orderId", orderId)
                      .put("title", title)
                      .put("sellerId", prize.sellerId())
                      .put("sellerName", seller);
              if (shippingCents != null) {
                payload.put("shippingCents", shippingCents);
              }
              return notices
                  .add(conn, prize.buyerId(), "giveaway_won", payload)
                  .compose(
                      notice ->
                          notices
                              .mail(
                                  conn,
                                  prize.buyerId(),
                                  NotificationTopics.AUCTIONS,
                                  "You won the giveaway \"" + title + "\"",
                                  "You won " + title + " from " + seller + rest.apply(seller),
                                  "giveaway-won-" + prize.sourceId())
                              .map(
                                  v ->
                                      (Runnable)
                                          () -> {
                                            notices.push(notice);
                                            notices.sendMail();
                                          }));
            });
  }

  @Override
  public Future<Long> createOrder(SqlConnection conn, Sale sale) {
    return commission(conn, sale)
        .compose(
            bps ->
                releaseStock(conn, sale.productId(), sale.quantity())
                    .compose(
                        v ->
                            orders.createLockedOrder(
                                conn,
                                lockedOrder(
                                    sale,
                                    sale.source(),
                                    sale.source() + ":" + sale.sourceId(),
                                    bps,
                                    null))));
  }

  @Override
  public Future<Long> createOfferOrder(SqlConnection conn, Sale sale, long windowSeconds) {
    // "offer:" keeps it out of off-session charges (Checkouts): the runner-up accepts by paying it
    // themselves
    return commission(conn, sale)
        .compose(
            bps ->
                orders.createLockedOrder(
                    conn,
                    lockedOrder(sale, "lot", "offer:" + sale.sourceId(), bps, windowSeconds)));
  }

  /** A creator hosting a partner seller's product earns the partnership's commission (or none). */
  private Future<Integer> commission(SqlConnection conn, Sale sale) {
    return sale.hostId() == sale.sellerId()
        ? Future.succeededFuture()
        : commerce.partnerships().commissionFor(conn, sale.sellerId(), sale.hostId());
  }

  private static LockedOrder lockedOrder(
      Sale sale,
      String source,
      String sourceRef,
      @Nullable Integer commissionBps,
      @Nullable Long paymentWindowSeconds) {
    return new LockedOrder(
        source,
        sourceRef,
        sale.buyerId(),
        sale.sellerId(),
        sale.productId(),
        sale.quantity(),
        sale.unitPriceCents(),
        sale.showId(),
        commissionBps == null ? null : sale.hostId(),
        commissionBps,
        paymentWindowSeconds);
  }

  @Override
  public Future<Boolean> cancelUnpaidOrder(SqlConnection conn, long orderId, String reason) {
    return orders
        .cancelUnpaid(conn, java.util.List.of(orderId), reason)
        .map(cancelled -> !cancelled.isEmpty());
  }

  @Override
  public Future<Void> requireAddress(long userId, String forWhat) {
    return commerce.addresses().requireDefault(userId, forWhat);
  }

  @Override
  public Future<Boolean> hasReadyCard(long userId) {
    return commerce.savedCards().hasReadyCard(userId);
  }

  @Override
  public Future<Boolean> mayFeature(SqlConnection conn, long sellerId, long hostId) {
    return sellerId == hostId
        ? Future.succeededFuture(true)
        : commerce.partnerships().commissionFor(conn, sellerId, hostId).map(bps -> bps != null);
  }

  @Override
  public void chargeSavedCard(long buyerId, String reason) {
    commerce
        .chargeSavedCard(buyerId, reason)
        .onFailure(
            e ->
                LOG.info(
                    "No off-session charge for {} ({}): the buyer pays at checkout",
                    reason,
                    e.getMessage()));
  }

  @Override
  public Future<Void> reserveStock(SqlConnection conn, long productId, int quantity) {
    // lots, flash sales and giveaways all hold stock in the catalogue while they are offered
    return StockHolds.hold(conn, productId, quantity);
  }

  @Override
  public Future<Void> releaseStock(SqlConnection conn, long productId, int quantity) {
    return StockHolds.release(conn, productId, quantity);
  }
}
