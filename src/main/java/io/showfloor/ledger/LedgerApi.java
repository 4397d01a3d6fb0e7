package io.showfloor.ledger;

import io.showfloor.platform.Domain;
import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.infra.Database;
import java.util.List;

/**
 * The ledger's own HTTP surface: the admin trial balance. Money movements are posted by other
 * domains.
 */
public final class LedgerApi implements Domain {
  private final Database db;

  public LedgerApi(Database db) {
    this.db = db;
  }

  @Override
  public List<ApiRoutes> routes() {
    return List.of(new LedgerEndpoints(db.pool()));
  }
}
