package io.showfloor.commerce;

import io.showfloor.commerce.order.Deliveries;
import io.showfloor.commerce.order.ShopOrders;
import io.showfloor.ledger.Ledger;
import io.showfloor.platform.Platform;
import io.showfloor.testing.TestNode;

/**
 * The Java entry points other domains call (auctions, flash sales), built on the test node's
 * platform exactly as Wiring builds them: the services are stateless over the shared database.
 */
public final class CommerceAccess {
  private CommerceAccess() {}

  static ShopOrders orders() {
    Platform platform = TestNode.get().platform();
    return new ShopOrders(
        platform.db(),
        platform.events(),
        new Ledger(),
        notices(platform),
        CommerceSettings.from(platform.settings()));
  }

  /** A second delivery sweeper on the shared database, as another node would run it. */
  static Deliveries deliveries() {
    Platform platform = TestNode.get().platform();
    return new Deliveries(
        platform.db(),
        platform.events(),
        notices(platform),
        CommerceSettings.from(platform.settings()).delivery());
  }

  /** Commerce's notices over the notify domain, for services built outside Wiring. */
  public static Notices notices(Platform platform) {
    return new Notices(
        new io.showfloor.notify.Notifications(platform.db(), platform.events()),
        new io.showfloor.notify.MailOutbox(platform.vertx()));
  }
}
