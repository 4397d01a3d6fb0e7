package io.showfloor.platform;

import io.showfloor.platform.http.ApiRoutes;
import io.showfloor.platform.http.PageRoutes;
import io.vertx.core.Future;
import java.util.List;

/**
 * One area of the product (accounts, auctions …) as the node wires it: its routes and what it runs.
 */
public interface Domain {
  /** The operations this domain serves; mounted on every HTTP verticle instance. */
  default List<ApiRoutes> routes() {
    return List.of();
  }

  /** Routes outside the API contract (pages, images); most domains have none. */
  default List<PageRoutes> pages() {
    return List.of();
  }

  /** What this domain adds to the --demo world; planted once, after every domain has started. */
  default List<DemoSeed> demoSeeds() {
    return List.of();
  }

  /**
   * Deploys the domain's verticles and event-bus consumers; runs once per node after migrations.
   */
  default Future<Void> start() {
    return Future.succeededFuture();
  }
}
