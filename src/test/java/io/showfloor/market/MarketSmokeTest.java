package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarketSmokeTest {
  @Test
  @DisplayName("smoke")
  void smoke() {
    var listing = listed("SMK");
    phase(listing.symbol(), "continuous");
    var buyer = trader(100_000);
    JsonObject sold = place(listing.seller(), limit(listing.symbol(), "sell", 10_000, 10));
    System.out.println(sold.encodePrettily());
    JsonObject bought = place(buyer, limit(listing.symbol(), "buy", 10_000, 4));
    System.out.println(bought.encodePrettily());
    System.out.println(book(listing.symbol()).encodePrettily());
    System.out.println(portfolio(buyer).encodePrettily());
    System.out.println(portfolio(listing.seller()).encodePrettily());
    assertEquals(1, bought.getJsonArray("fills").size());
    LedgerCheck.assertBalanced();
  }
}
