package io.showfloor.commerce.checkout;

import io.showfloor.commerce.order.Order;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Told, inside the payment's transaction, which orders a checkout's payment made paid (loyalty
 * awards points).
 */
public interface CheckoutListener {
  Future<Void> paid(SqlConnection conn, long buyerId, long checkoutId, List<Order> orders);

  /**
   * Sends now, on the payment's connection, what {@link #paid} will read about the buyer, so that
   * the read travels with the checkout's own statements instead of taking a round trip of its own
   * after them (bench/README.md, issue 18). By default nothing is read ahead.
   */
  default Prepared prepare(SqlConnection conn, long buyerId) {
    return new Prepared() {
      @Override
      public Future<?> read() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> paid(SqlConnection c, long checkoutId, List<Order> orders) {
        return CheckoutListener.this.paid(c, buyerId, checkoutId, orders);
      }
    };
  }

  /** A listener's reads sent ahead for one buyer, and its writes once the orders are known. */
  interface Prepared {
    /** Completes when what was read ahead has arrived. */
    Future<?> read();

    /** {@link CheckoutListener#paid}, with what was read ahead. */
    Future<Void> paid(SqlConnection conn, long checkoutId, List<Order> orders);
  }
}
