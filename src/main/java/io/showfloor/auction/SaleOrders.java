package io.showfloor.auction;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Where a sale made in a show (a won lot, a flash-sale buy, a giveaway prize) becomes an order,
 * and where the stock it sells is held. Every call runs on the caller's connection, inside the
 * transaction that makes the sale, so the sale and its order commit together or not at all.
 */
public interface SaleOrders {
  /** What was sold: {@code source} is "lot", "flash_sale" or "giveaway", {@code sourceId} its id. */
  record Sale(String source, long sourceId, long showId, long productId, long sellerId, long hostId, long buyerId,
              long unitPriceCents, int quantity) {}

  /** Creates the buyer's order for the sale and returns its id. */
  Future<Long> createOrder(SqlConnection conn, Sale sale);

  /** Takes {@code quantity} units of the product's stock for a flash sale; fails 409 out_of_stock. */
  Future<Void> reserveStock(SqlConnection conn, long productId, int quantity);

  /** Gives back stock a flash sale did not sell. */
  Future<Void> releaseStock(SqlConnection conn, long productId, int quantity);

  /** Whether a show's host may sell this seller's product: their own, or a partner seller's. */
  Future<Boolean> mayFeature(SqlConnection conn, long sellerId, long hostId);

  /** After the commit of a sale: charge the buyer's saved card, if they have one, for what they owe. */
  void chargeSavedCard(long buyerId, String reason);
}
