package io.showfloor.market;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** The moderators' wash-trade review queue, and the admins' holds reconciliation. */
final class SurveillanceEndpoints implements ApiRoutes {
  private final Surveillance surveillance;
  private final HoldsReconciliation reconciliation;

  SurveillanceEndpoints(Surveillance surveillance, HoldsReconciliation reconciliation) {
    this.surveillance = surveillance;
    this.reconciliation = reconciliation;
  }

  @Override
  public void mount(Api api) {
    api.on(
        "reconcileMarketHolds",
        req -> req.withRole("admin").compose(admin -> reconciliation.check()).map(Reply::ok));
    api.on(
        "listSurveillanceFlags",
        req ->
            req.withRole("moderator")
                .compose(
                    moderator -> {
                      String status = req.query("status");
                      return surveillance.queue(
                          status == null ? "open" : status,
                          (int) req.queryLong("limit", 50),
                          req.queryLong("before", Long.MAX_VALUE));
                    })
                .map(Reply::ok));
    api.on(
        "reviewSurveillanceFlag",
        req ->
            req.withRole("moderator")
                .compose(
                    moderator ->
                        surveillance.review(
                            moderator.userId(),
                            req.pathLong("id"),
                            req.body().getString("outcome"),
                            req.body().getString("note")))
                .map(Reply::ok));
  }
}
