package io.showfloor.commerce.loyalty;

import io.showfloor.platform.http.Api;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.Reply;

/** GET /api/loyalty: the caller's points and tier. */
public final class LoyaltyEndpoints implements ApiRoutes {
  private final Loyalty loyalty;

  public LoyaltyEndpoints(Loyalty loyalty) {
    this.loyalty = loyalty;
  }

  @Override
  public void mount(Api api) {
    api.on("getLoyalty", req -> req.user().compose(caller -> loyalty.view(caller.userId())).map(Reply::ok));
  }
}
