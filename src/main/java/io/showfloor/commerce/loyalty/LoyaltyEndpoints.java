package io.showfloor.commerce.loyalty;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** GET /api/loyalty: the caller's points and tier. */
public record LoyaltyEndpoints(Loyalty loyalty) implements ApiRoutes {
  @Override
  public void mount(Api api) {
    api.on(
        "getLoyalty",
        req -> req.user().compose(caller -> loyalty.view(caller.userId())).map(Reply::ok));
  }
}
