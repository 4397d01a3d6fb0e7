package io.showfloor.commerce.order;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.vertx.core.json.JsonObject;

/**
 * /api/orders: buyers and sellers read theirs; sellers ship; buyers confirm delivery; sellers and
 * admins refund.
 */
public record ShopOrderEndpoints(ShopOrders orders, Deliveries deliveries, Refunds refunds)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "listOrders",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders.list(
                            caller,
                            req.query("role"),
                            req.query("status"),
                            req.query("before") == null ? null : req.queryLong("before", 0),
                            (int) req.queryLong("limit", 50)))
                .map(Reply::ok));
    api.on(
        "getOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders
                            .visible(caller, req.pathLong("id"))
                            .map(order -> Reply.ok(orders.view(caller, order)))));
    api.on(
        "shipOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders
                            .ship(
                                caller,
                                req.pathLong("id"),
                                req.body().getString("carrier"),
                                req.body().getString("trackingNumber"))
                            .map(order -> Reply.ok(orders.view(caller, order)))));
    api.on(
        "deliverOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        deliveries
                            .confirmByBuyer(caller, req.pathLong("id"))
                            .map(
                                result -> {
                                  if (result instanceof BuyerConfirmation.Refused refused) {
                                    throw refusal(refused, req.pathLong("id"));
                                  }
                                  return Reply.ok(
                                      orders.view(
                                          caller, ((BuyerConfirmation.Confirmed) result).order()));
                                })));
    api.on(
        "changeOrderAddress",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders
                            .changeAddress(caller, req.pathLong("id"), req.body())
                            .map(order -> Reply.ok(orders.view(caller, order)))));
    api.on(
        "cancelOrder",
        req ->
            req.user()
                .compose(
                    caller ->
                        orders
                            .cancel(caller, req.pathLong("id"), req.body().getString("reason"))
                            .map(order -> Reply.ok(orders.view(caller, order)))));
    api.on(
        "refundOrder",
        req -> {
          String key = req.idempotencyKey();
          JsonObject body = req.body();
          return req.user()
              .compose(
                  caller ->
                      refunds.refund(
                          caller,
                          req.pathLong("id"),
                          body.getLong("amountCents"),
                          body.getString("reason"),
                          key))
              .map(IdempotentReplies::created);
        });
  }

  private static ApiError refusal(BuyerConfirmation.Refused refused, long orderId) {
    return switch (refused.reason()) {
      case NOT_FOUND -> ApiError.notFound("order_not_found", "No order " + orderId);
      case NOT_THE_BUYER ->
          ApiError.forbidden(
              "buyer_confirms_delivery",
              "Only the buyer confirms delivery; otherwise it is confirmed automatically some days after shipping");
      case NOT_SHIPPED ->
          ApiError.conflict(
              "order_state",
              "The order is "
                  + refused.orderStatus()
                  + "; only a shipped order can be confirmed delivered");
      case ALREADY_DELIVERED ->
          ApiError.conflict("order_state", "The order's delivery is confirmed already");
    };
  }
}
