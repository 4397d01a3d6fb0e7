package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The market-maker bot quotes both sides through the public API")
class MarketMakerTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "each round replaces its bid and ask around the last price, on the tick grid and inside the band")
  void quotesBothSides() throws InterruptedException {
    Listing listing = listed("MMK", new JsonObject().put("tickSizeCents", 5));
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    listing
        .seller()
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 1_000_000))
        .expect(201);
    MarketMaker maker =
        new MarketMaker(
            "127.0.0.1",
            TestNode.get().port(),
            new MarketMaker.Credential(
                "Authorization", () -> "Bearer " + listing.seller().accessToken()),
            new MarketMaker.Plan(List.of(symbol), 150, 3, 7),
            42);
    String deployment = TestNode.get().vertx().deployVerticle(maker).await();
    try {
      long deadline = System.currentTimeMillis() + 10_000;
      while (maker.rounds() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(maker.rounds() >= 3, "the bot quoted " + maker.rounds() + " rounds");
    } finally {
      TestNode.get().vertx().undeploy(deployment).await();
    }
    JsonObject book = MarketFixture.book(symbol);
    JsonArray bids = book.getJsonArray("bids");
    JsonArray asks = book.getJsonArray("asks");
    assertEquals(1, bids.size(), book.encode());
    assertEquals(1, asks.size(), book.encode());
    long bid = bids.getJsonObject(0).getLong("priceCents");
    long ask = asks.getJsonObject(0).getLong("priceCents");
    assertEquals(7, bids.getJsonObject(0).getLong("quantity"));
    assertTrue(bid < ask && bid % 5 == 0 && ask % 5 == 0, bid + " / " + ask);
    assertTrue(bid >= 8_000 && ask <= 12_000 && ask - bid <= 6 * 5 + 4 * 5, bid + " / " + ask);
    JsonArray open =
        listing
            .seller()
            .api()
            .get("/api/market/orders?status=open&symbol=" + symbol)
            .json()
            .getJsonArray("items");
    assertEquals(2, open.size(), "older quotes were cancelled");
  }
}
