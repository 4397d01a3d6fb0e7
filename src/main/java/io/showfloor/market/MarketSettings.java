package io.showfloor.market;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.Settings;
import java.time.ZoneId;

/** The market's configuration ({@code market.*} in config/default.json), read and checked once. */
public record MarketSettings(
    ZoneId timeZone,
    TradingSchedule schedule,
    int feeBasisPoints,
    FeePayer feePayer,
    long defaultTotalShares,
    long defaultReferencePriceCents,
    long defaultTickSizeCents,
    int defaultPriceBandBps,
    int marketBuySlippageBps,
    int ordersPerSecondPerUser,
    int listingsPerHourPerSeller,
    int batchMaxCommands,
    int queueLimit,
    int leaseTtlSeconds,
    int leaseRenewMillis,
    int handOverWaitMillis,
    int handOverGraceMillis,
    int surveillanceEverySeconds,
    int washWindowSeconds,
    int repeatedPairTrades,
    int pnlSnapshotCheckSeconds,
    int pnlSnapshotLateHours) {

  public static MarketSettings from(Settings settings) {
    ZoneId zone;
    try {
      zone = ZoneId.of(settings.string("market.timeZone", "America/New_York"));
    } catch (RuntimeException e) {
      throw new ConfigException(
          "Setting market.timeZone must be a time zone such as America/New_York");
    }
    int feeBps = settings.integer("market.fee.basisPoints", 200);
    if (feeBps < 0 || feeBps > 10_000) {
      throw new ConfigException(
          "Setting market.fee.basisPoints must be within 0..10000, got " + feeBps);
    }
    int bandBps = settings.integer("market.listing.priceBandBps", 2000);
    if (bandBps < 1 || bandBps > 9999) {
      throw new ConfigException(
          "Setting market.listing.priceBandBps must be within 1..9999, got " + bandBps);
    }
    return new MarketSettings(
        zone,
        TradingSchedule.from(settings.object("market.schedule"), zone),
        feeBps,
        FeePayer.parse(settings.string("market.fee.payer", "seller")),
        settings.positiveLong("market.listing.totalShares", 1000),
        settings.positiveLong("market.listing.referencePriceCents", 10_000),
        settings.positiveLong("market.listing.tickSizeCents", 1),
        bandBps,
        (int) settings.positiveLong("market.marketBuySlippageBps", 500),
        (int) settings.positiveLong("market.ordersPerSecondPerUser", 50),
        (int) settings.positiveLong("market.listingsPerHourPerSeller", 10),
        (int) settings.positiveLong("market.batchMaxCommands", 256),
        (int) settings.positiveLong("market.queueLimit", 20_000),
        (int) settings.positiveLong("market.lease.ttlSeconds", 10),
        (int) settings.positiveLong("market.lease.renewMillis", 2000),
        (int) settings.positiveLong("market.handOver.waitMillis", 5000),
        (int) settings.positiveLong("market.handOver.graceMillis", 3000),
        (int) settings.positiveLong("market.surveillance.everySeconds", 60),
        (int) settings.positiveLong("market.surveillance.washWindowSeconds", 60),
        settings.positive("market.surveillance.repeatedPairTrades", 4),
        (int) settings.positiveLong("market.pnlSnapshots.checkSeconds", 300),
        settings.within("market.pnlSnapshots.lateHours", 6, 1, 23));
  }
}
