package io.showfloor.market;

import io.showfloor.testing.MarketFixture;
import io.vertx.core.json.JsonArray;

/** Small reads of a book's depth for the trigger tests. */
final class MarketFixtureBook {
  private MarketFixtureBook() {}

  static int asks(String symbol) {
    return MarketFixture.book(symbol).getJsonArray("asks").size();
  }

  static long bestBid(String symbol) {
    JsonArray bids = MarketFixture.book(symbol).getJsonArray("bids");
    return bids.getJsonObject(0).getLong("priceCents");
  }
}
