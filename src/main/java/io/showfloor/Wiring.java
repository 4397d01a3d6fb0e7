package io.showfloor;

import io.showfloor.platform.Domain;
import io.showfloor.platform.Platform;
import io.showfloor.platform.http.WebSocketEndpoint;
import io.showfloor.platform.security.Authenticator;
import io.showfloor.platform.security.CallerAllowance;
import java.util.List;
import java.util.function.Supplier;

/** Which domains a node runs and how they connect; the one place to add a domain. */
record Wiring(
    List<Domain> domains,
    Authenticator authenticator,
    Supplier<WebSocketEndpoint> webSockets,
    CallerAllowance apiKeyAllowance) {

  static Wiring of(Platform platform) {
    var notify = new io.showfloor.notify.Notify(platform);
    var accounts = new io.showfloor.account.Accounts(platform, notify);
    var media = new io.showfloor.media.Media(platform, accounts.profilePictures());
    var realtime = new io.showfloor.realtime.Realtime(platform, accounts.authenticator());
    var ledger = new io.showfloor.ledger.Ledger();
    // market cash is the wallet's cash: commerce subtracts what open market buys hold
    var marketCash = new io.showfloor.market.cash.LedgerMarketCash(ledger);
    var commerce =
        new io.showfloor.commerce.Commerce(
            platform, ledger, notify, media.photoAttachments(), marketCash);
    var shows = new io.showfloor.show.Shows(platform, notify);
    shows.onWatching((showId, userId) -> commerce.liveStreaks().watched(userId));
    var subscriptions = new io.showfloor.subscription.Subscriptions(platform, ledger);
    commerce.routeWebhooks(subscriptions.stripeEvents());
    var auctions =
        new io.showfloor.auction.Auctions(
            platform,
            shows.access(),
            new io.showfloor.auction.CommerceSaleOrders(commerce),
            notify);
    var markets =
        new io.showfloor.market.Markets(
            platform,
            marketCash,
            new io.showfloor.market.CommercePhysicalItems(commerce),
            accounts::publicProfile,
            notify,
            userId ->
                subscriptions
                    .planOf(userId)
                    .map(
                        plan ->
                            new io.showfloor.market.TraderPlans.Allowance(
                                plan.historyDays(), plan.export(), plan.watchlistMax())));
    var moderation =
        new io.showfloor.moderation.PlatformModeration(
            platform,
            notify,
            accounts.suspensions(),
            shows.enforcement(),
            new io.showfloor.commerce.CommerceCatalogActions(commerce),
            markets.listingActions(),
            media.photoAttachments());
    var tournaments =
        new io.showfloor.tournament.Tournaments(
            platform,
            ledger,
            markets.tournamentBooks(),
            // Pro subscribers may host private tournaments; admins always may (TournamentService)
            subscriptions::isPro,
            new io.showfloor.commerce.payment.CommerceEntryCards(commerce.payments()),
            notify);
    // an entry fee the browser confirmed becomes an entry when Stripe says it succeeded
    commerce.routePayments(
        io.showfloor.commerce.payment.CommerceEntryCards.KIND, tournaments.cardWebhook());
    return new Wiring(
        List.of(
            accounts,
            notify,
            realtime,
            media,
            new io.showfloor.ledger.LedgerApi(platform.db()),
            commerce,
            shows,
            auctions,
            markets,
            tournaments,
            moderation,
            subscriptions,
            new io.showfloor.commerce.analytics.Analytics(platform.db(), subscriptions::figures),
            new io.showfloor.insight.Insight(platform, subscriptions::isPro),
            new io.showfloor.search.SiteSearch(platform),
            // last: the living demo acts through every other domain's public API (--demo only)
            new io.showfloor.demo.LivingDemo(platform, accounts::demoBearer)),
        accounts.authenticator(),
        realtime::gateway,
        // API keys get the plan's calls a minute; signed-in sessions keep
        // http.callerRequestsPerMinute
        userId ->
            subscriptions.planOf(userId).map(io.showfloor.subscription.Plan::requestsPerMinute));
  }
}
