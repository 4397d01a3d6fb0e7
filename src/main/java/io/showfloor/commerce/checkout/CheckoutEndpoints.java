package io.showfloor.commerce.checkout;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/** POST /api/checkout and GET /api/checkouts/{id}. */
public record CheckoutEndpoints(
    RateLimiter rateLimiter, Checkouts checkouts, int checkoutsPerMinute) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "checkout",
        req -> {
          String key = req.idempotencyKey();
          return req.verifiedUser()
              .compose(
                  buyer ->
                      rateLimiter
                          .check("checkout:" + buyer.userId(), checkoutsPerMinute, 60)
                          .compose(v -> checkouts.checkout(buyer.userId(), req.body(), key)))
              .map(IdempotentReplies::created);
        });
    api.on(
        "getCheckout",
        req ->
            req.user()
                .compose(
                    caller ->
                        checkouts
                            .buyerOf(req.pathLong("id"))
                            .compose(
                                buyer -> {
                                  if (buyer == null
                                      || (buyer != caller.userId() && !caller.hasRole("admin"))) {
                                    return Future.failedFuture(
                                        ApiError.notFound(
                                            "checkout_not_found",
                                            "No checkout " + req.pathLong("id")));
                                  }
                                  return checkouts.view(req.pathLong("id")).map(Reply::ok);
                                })));
  }
}
