package io.showfloor.auction;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Where a sale made in a show (a won lot, a flash-sale buy, a giveaway prize) becomes an order, and
 * where the stock it sells is held. Every call runs on the caller's connection, inside the
 * transaction that makes the sale, so the sale and its order commit together or not at all.
 */
public interface SaleOrders {
  /**
   * What was sold: {@code source} is "lot", "flash_sale" or "giveaway", {@code sourceId} its id.
   */
  record Sale(
      String source,
      long sourceId,
      long showId,
      long productId,
      long sellerId,
      long hostId,
      long buyerId,
      long unitPriceCents,
      int quantity) {}

  /** A giveaway prize's order, and what to announce once its transaction has committed. */
  record Prize(long orderId, Runnable afterCommit) {}

  /**
   * A giveaway prize: the held unit becomes a $0 order to the winner's default address. It ships
   * free (paid at once, in the seller's to-ship list, a notice to each and a mail to the winner)
   * unless {@code winnerPaysShipping} and the product has a shipping price: then the order is due
   * for that shipping within the lot payment window (charged to a saved card after the commit, or
   * paid from the cart), the winner is told and mailed, and the seller is told once it is paid.
   */
  Future<Prize> createPrizeOrder(
      SqlConnection conn, Sale prize, String title, boolean winnerPaysShipping);

  /** Creates the buyer's order for the sale and returns its id. */
  Future<Long> createOrder(SqlConnection conn, Sale sale);

  /**
   * Takes {@code quantity} units of the product's stock for a flash sale; fails 409 out_of_stock.
   */
  Future<Void> reserveStock(SqlConnection conn, long productId, int quantity);

  /** Gives back stock a flash sale did not sell. */
  Future<Void> releaseStock(SqlConnection conn, long productId, int quantity);

  /** Whether a show's host may sell this seller's product: their own, or a partner seller's. */
  Future<Boolean> mayFeature(SqlConnection conn, long sellerId, long hostId);

  /**
   * After the commit of a sale: charge the buyer's saved card, if they have one, for what they owe.
   */
  void chargeSavedCard(long buyerId, String reason);

  /**
   * Fails with 409 address_required unless the user has a default shipping address: a prize or a
   * lot charged the moment it is won becomes an order that must know where to go.
   */
  Future<Void> requireAddress(long userId, String forWhat);

  /**
   * Whether the user has a saved card ready for off-session charges (shows that require one to
   * bid).
   */
  Future<Boolean> hasReadyCard(long userId);

  /**
   * A runner-up offer's order: one unit taken from stock (409 out_of_stock when it was sold
   * meanwhile) at the offered price, payable within {@code windowSeconds}, and paid only by the
   * runner-up's own checkout (never by an off-session charge: they have not accepted yet). Returns
   * the order id.
   */
  Future<Long> createOfferOrder(SqlConnection conn, Sale sale, long windowSeconds);

  /**
   * Cancels the order if it is still unpaid, giving its units back; true when it was cancelled
   * here.
   */
  Future<Boolean> cancelUnpaidOrder(SqlConnection conn, long orderId, String reason);
}
