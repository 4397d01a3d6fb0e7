package io.showfloor.market;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * The physical item behind an instrument, as the market needs it from the domain that sells goods:
 * whether its units are held for buyers (then it cannot be listed as shares), and shipping it to
 * the holder who redeemed every share.
 */
public interface PhysicalItems {
  /**
   * Inside the listing's transaction, before the instrument is written: holds off every whole sale
   * of the product until it commits, and fails with 409 item_reserved when units are held in carts,
   * lots, flash sales, giveaways or unshipped orders (or item_fractionalized when it already backs
   * an instrument).
   */
  Future<Void> lockForShares(SqlConnection conn, long productId);

  /** The redemption's order, and what to do once its transaction has committed (push notices). */
  record Shipment(long orderId, Runnable afterCommit) {}

  /**
   * Inside the redemption's transaction: a $0 order from the instrument's seller to the redeemer
   * for one unit of the product, shipped to the redeemer's default address, with notices to both.
   */
  Future<Shipment> shipToRedeemer(
      SqlConnection conn, String symbol, long redeemerId, long sellerId, long productId);
}
