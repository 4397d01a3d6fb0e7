package io.showfloor.insight;

import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Instruments with a generated past tape: one trade per candle, so each close is known. */
final class InsightFixture {
  private InsightFixture() {}

  /** A listed instrument whose 1m candles close at {@code closes}, ending a minute ago. */
  static String instrumentWithCloses(String prefix, long[] closes) {
    Listing listing = MarketFixture.listed(prefix);
    writeCloses(listing.symbol(), closes, Duration.ofMinutes(1));
    return listing.symbol();
  }

  static void writeCloses(String symbol, long[] closes, Duration width) {
    long buyer = Users.create().id();
    long seller = Users.create().id();
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Instant start = end.minus(width.multipliedBy(closes.length));
    List<GeneratedTrades.Trade> trades = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      // volume grows by one a candle so OBV and VWAP have something to weigh
      trades.add(
          new GeneratedTrades.Trade(
              start.plus(width.multipliedBy(i)).plusSeconds(1), closes[i], 1 + i % 5));
    }
    TestNode.get()
        .platform()
        .db()
        .tx(conn -> GeneratedTrades.write(conn, symbol, buyer, seller, trades))
        .await();
  }
}
