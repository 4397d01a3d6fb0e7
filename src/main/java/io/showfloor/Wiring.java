package io.showfloor;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.WebSocketEndpoint;
import io.showfloor.platform.security.Authenticator;
import java.util.List;
import java.util.function.Supplier;

/** Which domains a node runs and how they connect; the one place to add a domain. */
record Wiring(
    List<Domain> domains, Authenticator authenticator, Supplier<WebSocketEndpoint> webSockets) {

  static Wiring of(Platform platform) {
    var notify = new io.showfloor.notify.Notify(platform);
    var accounts = new io.showfloor.account.Accounts(platform, notify);
    var media = new io.showfloor.media.Media(platform, accounts.profilePictures());
    var realtime = new io.showfloor.realtime.Realtime(platform, accounts.authenticator());
    var ledger = new io.showfloor.ledger.Ledger();
    var commerce = new io.showfloor.commerce.Commerce(platform, ledger, notify);
    var shows = new io.showfloor.show.Shows(platform, notify);
    shows.onWatching((showId, userId) -> commerce.liveStreaks().watched(userId));
    var auctions =
        new io.showfloor.auction.Auctions(
            platform,
            shows.access(),
            new io.showfloor.auction.CommerceSaleOrders(commerce),
            notify);
    var markets =
        new io.showfloor.market.Markets(
            platform,
            new io.showfloor.market.cash.LedgerMarketCash(ledger),
            new io.showfloor.market.CommercePhysicalItems(commerce),
            accounts::publicProfile,
            notify);
    var moderation =
        new io.showfloor.moderation.PlatformModeration(
            platform,
            notify,
            accounts.suspensions(),
            shows.enforcement(),
            new io.showfloor.commerce.CommerceCatalogActions(commerce),
            markets.listingActions());
    var tournaments =
        new io.showfloor.tournament.Tournaments(
            platform,
            ledger,
            markets.tournamentBooks(),
            // admins only for now: the Pro subscription will answer this once it is merged
            userId -> io.vertx.core.Future.succeededFuture(false),
            new io.showfloor.commerce.payment.CommerceEntryCards(commerce.payments()),
            notify);
    return new Wiring(
        List.of(
            accounts,
            notify,
            realtime,
            media,
            new io.showfloor.ledger.LedgerApi(platform),
            commerce,
            shows,
            auctions,
            markets,
            tournaments,
            moderation,
            new io.showfloor.commerce.analytics.Analytics(platform),
            new io.showfloor.insight.Insight(platform),
            new io.showfloor.search.SiteSearch(platform),
            // last: the living demo acts through every other domain's public API (--demo only)
            new io.showfloor.demo.LivingDemo(platform, accounts::demoBearer)),
        accounts.authenticator(),
        realtime::gateway);
  }
}
