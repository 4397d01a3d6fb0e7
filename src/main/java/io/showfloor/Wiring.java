package io.showfloor;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.WebSocketEndpoint;
import io.showfloor.platform.security.Authenticator;
import java.util.List;
import java.util.function.Supplier;

/** Which domains a node runs and how they connect; the one place to add a domain. */
record Wiring(List<Domain> domains, Authenticator authenticator, Supplier<WebSocketEndpoint> webSockets) {

  static Wiring of(Platform platform) {
    var accounts = new io.showfloor.account.Accounts(platform);
    var ledger = new io.showfloor.ledger.Ledger();
    var commerce = new io.showfloor.commerce.Commerce(platform, ledger);
    return new Wiring(
        List.of(accounts, new io.showfloor.ledger.LedgerApi(platform), commerce,
            new io.showfloor.market.Markets(platform, new io.showfloor.market.cash.LedgerMarketCash(ledger))),
        accounts.authenticator(),
        () -> socket -> socket.close((short) 1013, "real-time gateway not deployed"));
  }
}
