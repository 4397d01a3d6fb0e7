package io.showfloor.auction;

import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.Settings;

/**
 * The auctions' configuration ({@code auctions.*} in config/default.json, and the public address
 * links in mails point at), read and checked once when the domain is built.
 *
 * @param publicUrl where links in bidders' mails point ({@code http.publicUrl})
 * @param bidsPer10Seconds bids (and flash-sale buys) one bidder may send in 10 s: generous for a
 *     human, tight for a script hammering a lot
 * @param sweepMillis how often every node looks for lots past their deadline and giveaways to draw
 * @param unpaidSweepMillis how often every node looks for won lots whose order was paid or
 *     cancelled
 * @param runnerUpOfferSeconds how long a runner-up has to pay an offer
 * @param bidTransactionsInFlight transactions of bids one node keeps in flight at once; the bids
 *     that arrive meanwhile, for any lots, share the next commit (fewer lanes share more, more
 *     lanes wait less behind a slow commit)
 */
record AuctionSettings(
    String publicUrl,
    int bidsPer10Seconds,
    long sweepMillis,
    long unpaidSweepMillis,
    long runnerUpOfferSeconds,
    int bidTransactionsInFlight) {

  static AuctionSettings from(Settings settings) {
    return new AuctionSettings(
        HttpSettings.from(settings).publicUrl(),
        (int) settings.positiveLong("auctions.bidsPer10Seconds", 50),
        settings.positiveLong("auctions.sweepMillis", 250),
        settings.positiveLong("auctions.unpaidSweepMillis", 1000),
        settings.positiveLong("auctions.runnerUpOfferHours", 24) * 3600,
        settings.within("auctions.bidTransactionsInFlight", 4, 1, 64));
  }
}
