package io.showfloor.market;

import io.showfloor.commerce.Commerce;
import io.showfloor.commerce.catalog.SoldOnce;
import io.showfloor.commerce.order.FreeOrder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

/**
 * The market's physical items through commerce: its stock holds, and the $0 order that ships a
 * redeemed item.
 */
public final class CommercePhysicalItems implements PhysicalItems {
  private final Commerce commerce;

  public CommercePhysicalItems(Commerce commerce) {
    this.commerce = commerce;
  }

  @Override
  public Future<Void> lockForShares(SqlConnection conn, long productId) {
    return SoldOnce.lockForShares(conn, productId);
  }

  @Override
  // a redemption's order belongs to no show: FreeOrder.showId is nullable (orders.show_id) but not
  // yet marked so
  @SuppressWarnings("NullAway")
  public Future<Shipment> shipToRedeemer(
      SqlConnection conn, String symbol, long redeemerId, long sellerId, long productId) {
    // no address given: the order takes the redeemer's default address (the buyer may change it
    // until it ships)
    return commerce
        .orders()
        .createFreeOrder(
            conn,
            new FreeOrder(
                "redemption", "redemption:" + symbol, redeemerId, sellerId, productId, null, null))
        .compose(
            written ->
                commerce
                    .orders()
                    .notices()
                    .add(
                        conn,
                        redeemerId,
                        "item_redeemed",
                        new JsonObject().put("symbol", symbol).put("orderId", written.order().id()))
                    .compose(
                        notice ->
                            commerce
                                .orders()
                                .notices()
                                .mailAlways(
                                    conn,
                                    redeemerId,
                                    "Your " + symbol + " item is on its way to you",
                                    "You redeemed every share of "
                                        + symbol
                                        + ". The seller now ships the item to you: order #"
                                        + written.order().id()
                                        + ", nothing to pay.\n",
                                    "redeemed-" + symbol)
                                .map(
                                    v ->
                                        new Shipment(
                                            written.order().id(),
                                            () -> {
                                              written.push(commerce.orders().notices());
                                              commerce.orders().notices().push(notice);
                                              commerce.orders().notices().sendMail();
                                            }))));
  }
}
