package io.showfloor.commerce.cart;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/** /api/cart: the caller's own cart only. */
public record CartEndpoints(RateLimiter rateLimiter, Carts carts, int writesPerMinute)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on("getCart", req -> req.user().compose(c -> carts.view(c.userId())).map(Reply::ok));
    api.on(
        "addCartItem",
        req ->
            req.user()
                .compose(
                    c ->
                        limited(c)
                            .compose(
                                v ->
                                    carts.add(
                                        c.userId(),
                                        req.body().getLong("productId"),
                                        req.body().getInteger("quantity", 1)))
                            .compose(
                                item ->
                                    carts
                                        .view(c.userId())
                                        .map(cart -> Reply.created(cart.put("item", item))))));
    api.on(
        "changeCartItem",
        req ->
            req.user()
                .compose(
                    c ->
                        limited(c)
                            .compose(
                                v ->
                                    carts.change(
                                        c.userId(),
                                        req.pathLong("id"),
                                        req.body().getInteger("quantity")))
                            .compose(
                                item ->
                                    carts
                                        .view(c.userId())
                                        .map(cart -> Reply.ok(cart.put("item", item))))));
    api.on(
        "removeCartItem",
        req ->
            req.user()
                .compose(c -> limited(c).compose(v -> carts.remove(c.userId(), req.pathLong("id"))))
                .map(v -> Reply.noContent()));
  }

  private Future<Void> limited(Caller caller) {
    return rateLimiter.check("cart:" + caller.userId(), writesPerMinute, 60);
  }
}
