package io.showfloor.commerce.checkout;

import io.showfloor.platform.Refused;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/** Loyalty points spent at checkout as a discount, inside the checkout's transaction. */
public interface PointsRedemption {
  /**
   * Spends {@code points} of the buyer's points on checkout {@code checkoutId} and answers the
   * discount in cents (at most {@code maxDiscountCents}); fails with 422 when the buyer lacks them.
   */
  Future<Long> redeem(
      SqlConnection conn, long buyerId, long points, long maxDiscountCents, long checkoutId);

  /** Gives back the points a checkout spent, when its payment is declined. */
  Future<Void> restore(SqlConnection conn, long checkoutId);

  /** Until loyalty is wired: no points to spend. */
  PointsRedemption NONE =
      new PointsRedemption() {
        @Override
        public Future<Long> redeem(
            SqlConnection conn, long buyerId, long points, long maxDiscountCents, long checkoutId) {
          return Future.failedFuture(
              Refused.unprocessable("insufficient_points", "Points cannot be redeemed here"));
        }

        @Override
        public Future<Void> restore(SqlConnection conn, long checkoutId) {
          return Future.succeededFuture();
        }
      };
}
