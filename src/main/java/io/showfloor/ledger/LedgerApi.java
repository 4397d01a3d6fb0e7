package io.showfloor.ledger;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.ApiRoutes;
import java.util.List;

/**
 * The ledger's own HTTP surface: the admin trial balance. Money movements are posted by other
 * domains.
 */
public final class LedgerApi implements Domain {
  private final Platform platform;

  public LedgerApi(Platform platform) {
    this.platform = platform;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new LedgerEndpoints(platform.db().pool()));
  }
}
