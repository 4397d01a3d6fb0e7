package io.showfloor.commerce.payout;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.Caller;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/** /api/payouts for sellers and creators, /api/admin/payouts for admins. */
public record PayoutEndpoints(RateLimiter rateLimiter, Payouts payouts, int requestsPerMinute)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getPayoutBalance",
        req -> payee(req).compose(caller -> payouts.balance(caller.userId())).map(Reply::ok));
    api.on("requestPayout", this::request);
    api.on(
        "listPayouts",
        req ->
            payee(req)
                .compose(
                    caller ->
                        payouts.list(
                            caller.userId(),
                            req.query("status"),
                            before(req),
                            (int) req.queryLong("limit", 50)))
                .map(Reply::ok));
    api.on(
        "registerPayoutAccount",
        req -> {
          String account = req.body().getString("connectedAccountId");
          return payee(req)
              .compose(caller -> payouts.registerAccount(caller.userId(), account))
              .map(Reply::ok);
        });
    api.on(
        "listAllPayouts",
        req ->
            req.withRole("admin")
                .compose(
                    admin ->
                        payouts.list(
                            null,
                            req.query("status"),
                            before(req),
                            (int) req.queryLong("limit", 50)))
                .map(Reply::ok));
    api.on(
        "approvePayout",
        req ->
            req.withRole("admin")
                .compose(admin -> payouts.approve(admin.userId(), req.pathLong("id")))
                .map(payout -> Reply.ok(payout.toJson())));
    api.on(
        "rejectPayout",
        req -> {
          String reason = req.body().getString("reason");
          return req.withRole("admin")
              .compose(admin -> payouts.reject(admin.userId(), req.pathLong("id"), reason))
              .map(payout -> Reply.ok(payout.toJson()));
        });
  }

  private Future<Reply> request(ApiRequest req) {
    long amount = req.body().getLong("amountCents");
    String key = req.idempotencyKey();
    return payee(req)
        .compose(
            caller ->
                rateLimiter
                    .check("payout:" + caller.userId(), requestsPerMinute, 60)
                    .compose(v -> payouts.request(caller.userId(), amount, key)))
        .map(done -> IdempotentReplies.mark(Reply.created(done.value().toJson()), done.replayed()));
  }

  /** Sellers and creators are the ones the ledger owes money (admins have every role). */
  private static Future<Caller> payee(ApiRequest req) {
    return req.user()
        .compose(
            c ->
                c.hasRole("seller") || c.hasRole("creator")
                    ? Future.succeededFuture(c)
                    : Future.failedFuture(
                        ApiError.forbidden(
                            "role_required", "Payouts need the seller or creator role")));
  }

  private static @Nullable Long before(ApiRequest req) {
    return req.query("before") == null ? null : req.queryLong("before", 0);
  }
}
