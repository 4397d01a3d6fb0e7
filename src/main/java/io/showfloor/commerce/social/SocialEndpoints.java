package io.showfloor.commerce.social;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;

/** Creator partnerships, wishlists and reviews. */
public record SocialEndpoints(
    RateLimiter rateLimiter, Partnerships partnerships, Wishlists wishlists, Reviews reviews)
    implements ApiRoutes {
  private Future<Void> limit(long userId, String what, int perMinute) {
    return rateLimiter.check(what + ":" + userId, perMinute, 60);
  }

  @Override
  public void mount(Api api) {
    api.on(
        "invitePartner",
        req ->
            req.withRole("seller")
                .compose(
                    seller ->
                        limit(seller.userId(), "partnership", 30)
                            .compose(
                                v ->
                                    partnerships.invite(
                                        seller,
                                        req.body().getLong("creatorId"),
                                        req.body().getInteger("commissionBps"),
                                        req.body().getString("note"))))
                .map(Reply::created));
    api.on("listPartnerships", req -> req.user().compose(partnerships::mine).map(Reply::ok));
    for (String action : new String[] {"accept", "decline", "end"}) {
      String operation = action + "Partnership";
      api.on(
          operation,
          req ->
              req.user()
                  .compose(caller -> partnerships.respond(caller, req.pathLong("id"), action))
                  .map(Reply::ok));
    }

    api.on(
        "getWishlist",
        req ->
            req.user()
                .compose(c -> wishlists.list(c.userId()))
                .map(list -> Reply.ok(new io.vertx.core.json.JsonObject().put("items", list))));
    api.on(
        "addToWishlist",
        req ->
            req.user()
                .compose(
                    c ->
                        limit(c.userId(), "wishlist", 120)
                            .compose(
                                v -> wishlists.add(c.userId(), req.body().getLong("productId"))))
                .map(
                    added ->
                        Reply.status(
                            added ? 201 : 200,
                            new io.vertx.core.json.JsonObject()
                                .put("productId", req.body().getLong("productId"))
                                .put("added", added))));
    api.on(
        "removeFromWishlist",
        req ->
            req.user()
                .compose(c -> wishlists.remove(c.userId(), req.pathLong("productId")))
                .map(v -> Reply.noContent()));

    api.on(
        "listReviews",
        req ->
            req.caller()
                .compose(
                    c ->
                        reviews.list(
                            c,
                            req.pathLong("id"),
                            req.query("before") == null ? null : req.queryLong("before", 0),
                            (int) req.queryLong("limit", 50)))
                .map(Reply::ok));
    api.on(
        "createReview",
        req ->
            req.verifiedUser()
                .compose(
                    c ->
                        limit(c.userId(), "review", 20)
                            .compose(
                                v ->
                                    reviews.create(
                                        c,
                                        req.pathLong("id"),
                                        req.body().getLong("orderLineId"),
                                        req.body().getInteger("rating"),
                                        req.body().getString("text"))))
                .map(Reply::created));
    api.on(
        "replyToReview",
        req ->
            req.withRole("seller")
                .compose(c -> reviews.reply(c, req.pathLong("id"), req.body().getString("text")))
                .map(Reply::ok));
    api.on(
        "hideReview",
        req ->
            req.withRole("moderator")
                .compose(c -> reviews.hide(c, req.pathLong("id"), req.body().getBoolean("hidden")))
                .map(Reply::ok));
  }
}
