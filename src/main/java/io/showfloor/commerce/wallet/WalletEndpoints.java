package io.showfloor.commerce.wallet;

import io.showfloor.platform.Platform;
import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRequest;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** GET /api/wallet and POST /api/wallet/deposits. */
public final class WalletEndpoints implements ApiRoutes {
  private final Platform platform;
  private final Wallets wallets;

  public WalletEndpoints(Platform platform, Wallets wallets) {
    this.platform = platform;
    this.wallets = wallets;
  }

  @Override
  public void mount(Api api) {
    api.on("getWallet", req -> req.user().compose(caller -> wallets.wallet(caller.userId())).map(Reply::ok));
    api.on("createDeposit", this::deposit);
  }

  private Future<Reply> deposit(ApiRequest req) {
    JsonObject body = req.body();
    String key = req.idempotencyKey();
    return req.verifiedUser()
        .compose(caller -> platform.rateLimiter().check("deposit:" + caller.userId(),
                platform.settings().integer("commerce.depositsPerMinute", 30), 60)
            .compose(v -> wallets.deposit(caller.userId(), body.getLong("amountCents"), body.getString("paymentMethodId"), key))
            .compose(deposit -> wallets.wallet(caller.userId()).map(wallet -> {
              Reply reply = Reply.created(new JsonObject().put("deposit", deposit.toJson()).put("wallet", wallet));
              return deposit.replayed() ? reply.header("Idempotent-Replayed", "true") : reply;
            })));
  }
}
