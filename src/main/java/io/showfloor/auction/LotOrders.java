package io.showfloor.auction;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** Where a sold lot becomes the winner's order, inside the closing transaction. */
interface LotOrders {
  record Sale(long lotId, long showId, long productId, long sellerId, long hostId, long buyerId, long priceCents) {}

  /** Creates the order at the hammer price and returns its id; runs on the caller's connection. */
  Future<Long> createWinnerOrder(SqlConnection conn, Sale sale);
}
