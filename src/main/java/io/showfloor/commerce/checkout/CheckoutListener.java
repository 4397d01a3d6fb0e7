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
}
