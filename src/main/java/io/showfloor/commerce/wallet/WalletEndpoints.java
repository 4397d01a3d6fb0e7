package io.showfloor.commerce.wallet;

import io.showfloor.commerce.CommerceSettings;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.IdempotentReplies;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.security.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** GET /api/wallet, POST /api/wallet/deposits and /api/wallet/withdrawals. */
public record WalletEndpoints(
    RateLimiter rateLimiter,
    Wallets wallets,
    Withdrawals withdrawals,
    CommerceSettings.PerMinute perMinute)
    implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getWallet", req -> req.user().compose(caller -> wallet(caller.userId())).map(Reply::ok));
    api.on("createDeposit", this::deposit);
    api.on("createWithdrawal", this::withdraw);
    api.on(
        "startPayoutOnboarding",
        req ->
            req.verifiedUser()
                .compose(caller -> withdrawals.onboard(caller.userId()))
                .map(Reply::ok));
    api.on(
        "listWithdrawals",
        req ->
            req.user()
                .compose(
                    caller ->
                        withdrawals.list(
                            caller.userId(),
                            req.query("before") == null ? null : req.queryLong("before", 0),
                            (int) req.queryLong("limit", 50)))
                .map(Reply::ok));
  }

  /** The wallet with what may be withdrawn now ({@code withdrawals}). */
  private Future<JsonObject> wallet(long userId) {
    return wallets
        .wallet(userId)
        .compose(
            wallet -> withdrawals.limits(userId).map(limits -> wallet.put("withdrawals", limits)));
  }

  private Future<Reply> withdraw(ApiRequest req) {
    long amount = req.body().getLong("amountCents");
    String key = req.idempotencyKey();
    return req.verifiedUser()
        .compose(
            caller ->
                rateLimiter
                    .check("withdrawal:" + caller.userId(), perMinute.withdrawals(), 60)
                    .compose(v -> withdrawals.request(caller.userId(), amount, key))
                    .compose(
                        done ->
                            wallet(caller.userId())
                                .map(
                                    wallet ->
                                        IdempotentReplies.mark(
                                            Reply.created(
                                                new JsonObject()
                                                    .put("withdrawal", done.value().toJson())
                                                    .put("wallet", wallet)),
                                            done.replayed()))));
  }

  private Future<Reply> deposit(ApiRequest req) {
    JsonObject body = req.body();
    String key = req.idempotencyKey();
    return req.verifiedUser()
        .compose(
            caller ->
                rateLimiter
                    .check("deposit:" + caller.userId(), perMinute.deposits(), 60)
                    .compose(
                        v ->
                            wallets.deposit(
                                caller.userId(),
                                body.getLong("amountCents"),
                                body.getString("paymentMethodId"),
                                key))
                    .compose(
                        deposit ->
                            wallet(caller.userId())
                                .map(
                                    wallet ->
                                        IdempotentReplies.mark(
                                            Reply.created(
                                                new JsonObject()
                                                    .put("deposit", deposit.value().toJson())
                                                    .put("wallet", wallet)),
                                            deposit.replayed()))));
  }
}
