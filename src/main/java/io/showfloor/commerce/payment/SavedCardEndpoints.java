package io.showfloor.commerce.payment;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.json.JsonObject;

/** /api/me/cards: the caller's saved cards. */
public record SavedCardEndpoints(RateLimiter rateLimiter, SavedCards cards) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "listCards",
        req ->
            req.user()
                .compose(c -> cards.list(c.userId()))
                .map(list -> Reply.ok(new JsonObject().put("items", list))));
    api.on(
        "saveCard",
        req -> {
          String key = req.idempotencyKey();
          return req.verifiedUser()
              .compose(
                  c ->
                      rateLimiter
                          .check("card:" + c.userId(), 10, 60)
                          .compose(
                              v ->
                                  cards.save(
                                      c.userId(), req.body().getString("paymentMethodId"), key)))
              .map(Reply::created);
        });
    api.on(
        "removeCard",
        req ->
            req.user()
                .compose(c -> cards.remove(c.userId(), req.pathLong("id")))
                .map(v -> Reply.noContent()));
  }
}
