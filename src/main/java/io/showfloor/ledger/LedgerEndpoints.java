package io.showfloor.ledger;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;
import io.vertx.sqlclient.Pool;

/** GET /api/admin/ledger/trial-balance: the ledger read by admins. */
record LedgerEndpoints(Pool pool) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getTrialBalance",
        req -> req.withRole("admin").compose(admin -> TrialBalance.read(pool)).map(Reply::ok));
  }
}
