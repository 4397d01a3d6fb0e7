package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Good-till-date orders rest until their time, then the book's owner expires them")
class GoodTillDateTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject gtd(JsonObject order, Instant expiresAt) {
    return order.put("timeInForce", "GTD").put("expiresAt", expiresAt.toString());
  }

  private static JsonObject order(TestUser trader, long id) {
    return trader.api().get("/api/market/orders/" + id).expect(200).json().getJsonObject("order");
  }

  @Test
  @DisplayName(
      "a GTD buy and sell trade like GTC until expiresAt, then expire with their escrow released, "
          + "even after the book was rebuilt in between")
  void expiresAtItsTime() {
    Listing listing = listed("GTD");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(100_000);
    Instant soon = Instant.now().plusSeconds(4);
    JsonObject placed = place(buyer, gtd(limit(symbol, "buy", 9_900, 5), soon));
    long buyId = placed.getJsonObject("order").getLong("id");
    assertEquals("GTD", placed.getJsonObject("order").getString("timeInForce"));
    assertEquals(soon.toString(), placed.getJsonObject("order").getString("expiresAt"));
    long sellId =
        place(listing.seller(), gtd(limit(symbol, "sell", 10_100, 7), soon))
            .getJsonObject("order")
            .getLong("id");
    place(listing.seller(), limit(symbol, "sell", 9_900, 2));
    assertCash(buyer, 100_000 - 49_500, 29_700);
    long sellerLocked = holding(listing.seller(), symbol).getLong("lockedShares");

    BookTakeover.rebuildFromDatabase(symbol);

    Eventually.until(
        () -> "expired".equals(order(buyer, buyId).getString("status")), "the GTD buy expired");
    JsonObject expired = order(buyer, buyId);
    assertEquals("expiry_reached", expired.getString("reason"));
    assertEquals(2, expired.getLong("filledQuantity"));
    assertEquals(0, expired.getLong("lockedCents"));
    assertCash(buyer, 100_000 - 19_800, 0);
    assertEquals("expired", order(listing.seller(), sellId).getString("status"));
    assertEquals(sellerLocked - 7, holding(listing.seller(), symbol).getLong("lockedShares"));
  }

  @Test
  @DisplayName(
      "GTD needs expiresAt in the future and within 366 days; expiresAt needs GTD; nothing is placed otherwise")
  void badExpiry() {
    Listing listing = listed("GTB");
    phase(listing.symbol(), "continuous");
    TestUser buyer = trader(10_000);
    JsonObject order = limit(listing.symbol(), "buy", 9_000, 1);
    buyer
        .api()
        .post("/api/market/orders", order.copy().put("timeInForce", "GTD"))
        .expectProblem(400, "expires_at_required");
    buyer
        .api()
        .post(
            "/api/market/orders",
            order.copy().put("expiresAt", Instant.now().plusSeconds(60).toString()))
        .expectProblem(400, "expires_at_not_allowed");
    buyer
        .api()
        .post("/api/market/orders", gtd(order.copy(), Instant.now().minusSeconds(1)))
        .expectProblem(422, "expires_at_in_past");
    buyer
        .api()
        .post("/api/market/orders", gtd(order.copy(), Instant.now().plus(Duration.ofDays(400))))
        .expectProblem(422, "expires_at_too_far");
    buyer
        .api()
        .post(
            "/api/market/orders",
            order.copy().put("timeInForce", "GTD").put("expiresAt", "tomorrow"))
        .expectProblem(400, "validation_failed");
    assertCash(buyer, 10_000, 0);
    assertEquals(
        0, buyer.api().get("/api/market/orders").expect(200).json().getJsonArray("items").size());
  }
}
