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
    var notify = new io.showfloor.notify.Notify(platform);
    var accounts = new io.showfloor.account.Accounts(platform, notify);
    var realtime = new io.showfloor.realtime.Realtime(platform, accounts.authenticator());
    return new Wiring(
        List.of(accounts, notify),
        accounts.authenticator(),
        realtime::gateway);
  }
}
