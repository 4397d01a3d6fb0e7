package io.showfloor.commerce.order;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.json.JsonObject;

/** /api/orders: buyers and sellers read theirs; sellers ship; sellers and admins refund. */
public final class OrderEndpoints implements ApiRoutes {
  private final OrderService orders;
  private final Refunds refunds;

  public OrderEndpoints(OrderService orders, Refunds refunds) {
    this.orders = orders;
    this.refunds = refunds;
  }

  @Override
  public void mount(Api api) {
    api.on("listOrders", req -> req.user().compose(caller -> orders.list(caller, req.query("role"), req.query("status"),
        req.query("before") == null ? null : req.queryLong("before", 0), (int) req.queryLong("limit", 50))).map(Reply::ok));
    api.on("getOrder", req -> req.user().compose(caller -> orders.visible(caller, req.pathLong("id"))
        .map(order -> Reply.ok(order.toJson(OrderService.seesSplit(caller, order))))));
    api.on("shipOrder", req -> req.user().compose(caller -> orders.ship(caller, req.pathLong("id"),
            req.body().getString("carrier"), req.body().getString("trackingNumber"))
        .map(order -> Reply.ok(order.toJson(OrderService.seesSplit(caller, order))))));
    api.on("deliverOrder", req -> req.user().compose(caller -> orders.deliver(caller, req.pathLong("id"))
        .map(order -> Reply.ok(order.toJson(OrderService.seesSplit(caller, order))))));
    api.on("cancelOrder", req -> req.user().compose(caller -> orders.cancel(caller, req.pathLong("id"))
        .map(order -> Reply.ok(order.toJson(false)))));
    api.on("refundOrder", req -> {
      String key = req.idempotencyKey();
      JsonObject body = req.body();
      return req.user().compose(caller -> refunds.refund(caller, req.pathLong("id"), body.getLong("amountCents"),
              body.getString("reason"), key))
          .map(result -> {
            boolean replayed = result.getBoolean("replayed");
            result.remove("replayed");
            Reply reply = Reply.created(result);
            return replayed ? reply.header("Idempotent-Replayed", "true") : reply;
          });
    });
  }
}
