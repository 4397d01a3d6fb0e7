package io.showfloor.commerce.returns;

import io.showfloor.media.PhotoAttachments;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.vertx.core.json.JsonObject;

/**
 * Buyer protection over HTTP: buyers open and escalate requests, sellers accept or decline,
 * moderators rule.
 */
public final class ReturnRequestEndpoints implements ApiRoutes {
  private final ReturnRequests requests;
  private final PhotoAttachments photos;

  public ReturnRequestEndpoints(ReturnRequests requests, PhotoAttachments photos) {
    this.requests = requests;
    this.photos = photos;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "openReturnRequest",
        req -> {
          String key = req.idempotencyKey();
          JsonObject body = req.body();
          return req.verifiedUser()
              .compose(
                  caller ->
                      requests.open(
                          caller,
                          req.pathLong("id"),
                          body.getString("reason"),
                          body.getString("message"),
                          photos.ids(body),
                          key))
              .map(IdempotentReplies::created);
        });
    api.on(
        "listMyReturnRequests",
        req ->
            req.user()
                .compose(
                    caller ->
                        requests.buyerPage(
                            caller,
                            req.query("orderId") == null ? null : req.queryLong("orderId", 0),
                            limit(req.queryLong("limit", 20)),
                            req.queryLong("before", Long.MAX_VALUE)))
                .map(Reply::ok));
    api.on(
        "listSellerReturnRequests",
        req ->
            req.user()
                .compose(
                    caller ->
                        requests.sellerPage(
                            caller,
                            req.query("status"),
                            limit(req.queryLong("limit", 20)),
                            req.queryLong("before", Long.MAX_VALUE)))
                .map(Reply::ok));
    api.on(
        "getReturnRequest",
        req ->
            req.user().compose(caller -> requests.get(caller, req.pathLong("id"))).map(Reply::ok));
    api.on(
        "acceptReturnRequest",
        req -> {
          JsonObject body = req.body();
          return req.user()
              .compose(
                  caller ->
                      requests.accept(
                          caller,
                          req.pathLong("id"),
                          body.getLong("refundCents"),
                          body.getString("returnLabelUrl")))
              .map(IdempotentReplies::ok);
        });
    api.on(
        "declineReturnRequest",
        req ->
            req.user()
                .compose(
                    caller ->
                        requests.decline(
                            caller, req.pathLong("id"), req.body().getString("reason")))
                .map(IdempotentReplies::ok));
    api.on(
        "escalateReturnRequest",
        req ->
            req.user()
                .compose(caller -> requests.escalate(caller, req.pathLong("id")))
                .map(IdempotentReplies::ok));
    api.on(
        "ruleOnReturnRequest",
        req -> {
          JsonObject body = req.body();
          return req.withRole("moderator")
              .compose(
                  caller ->
                      requests.rule(
                          caller,
                          req.pathLong("id"),
                          body.getString("outcome"),
                          body.getLong("refundCents"),
                          body.getString("note")))
              .map(IdempotentReplies::ok);
        });
  }

  private static int limit(long asked) {
    return (int) Math.max(1, Math.min(200, asked));
  }
}
