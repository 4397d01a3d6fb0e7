package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.assertCash;
import static io.showfloor.testing.MarketFixture.cash;
import static io.showfloor.testing.MarketFixture.holding;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.market;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Escrow and fees, to the cent, as the wallet, the portfolio and the ledger show them")
class EscrowAndFeesTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static long fees() {
    return LedgerCheck.balance("platform:fees");
  }

  @Test
  @DisplayName(
      "seller pays 2%: the buyer pays the value, the seller gets value minus fee, the platform the fee")
  void sellerPaysFee() {
    Listing listing = listed("FEE");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(100_000);
    long feesBefore = fees();
    long sellerCashBefore = cash(listing.seller());
    place(listing.seller(), limit(symbol, "sell", 10_037, 3));
    JsonObject bought = place(buyer, limit(symbol, "buy", 10_037, 3));
    // 3 x 100.37 = 301.11; 2% is 6.0222, charged as 6.02
    assertEquals(0, bought.getJsonArray("fills").getJsonObject(0).getLong("feeCents"));
    assertCash(buyer, 100_000 - 30_111, 0);
    assertEquals(sellerCashBefore + 30_111 - 602, cash(listing.seller()));
    assertEquals(602, fees() - feesBefore);
    JsonObject wallet = buyer.api().get("/api/wallet").expect(200).json();
    assertEquals(100_000 - 30_111, wallet.getLong("availableCents"));
    assertEquals(0, wallet.getLong("heldCents"));
  }

  @Test
  @DisplayName(
      "a resting buy holds price x quantity in the wallet's held cash until it fills or is cancelled")
  void heldCashInWallet() {
    Listing listing = listed("HLD");
    phase(listing.symbol(), "continuous");
    TestUser buyer = trader(50_000);
    place(buyer, limit(listing.symbol(), "buy", 9_999, 3));
    JsonObject wallet = buyer.api().get("/api/wallet").expect(200).json();
    assertEquals(50_000 - 29_997, wallet.getLong("availableCents"));
    assertEquals(29_997, wallet.getLong("heldCents"));
    // a hold is a reservation: the cash stays in the wallet's account, no escrow balance
    assertEquals(50_000, LedgerCheck.balance("user:" + buyer.id() + ":cash"));
    assertEquals(0, LedgerCheck.balance("user:" + buyer.id() + ":escrow"));
  }

  @Test
  @DisplayName(
      "buyer pays: a buy also locks the most fee it can owe, and the fees of its fills add up to 2% of its value")
  void buyerPaysFee() {
    TestUser seller = io.showfloor.testing.Users.create("seller");
    String symbol = io.showfloor.testing.MarketFixture.symbol("BFE");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject()
                .put("symbol", symbol)
                .put("name", "Buyer pays")
                .put("referencePriceCents", 25)
                .put("totalShares", 10_000))
        .expect(201);
    LedgerCheck.admin()
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false).put("feePayer", "buyer"))
        .expect(200);
    phase(symbol, "continuous");
    TestUser buyer = trader(10_000);
    long feesBefore = fees();
    // 100 shares at 25 cents = 2,500; 2% is 50 cents
    JsonObject bid = place(buyer, limit(symbol, "buy", 25, 100));
    assertEquals(2_550, bid.getJsonObject("order").getLong("lockedCents"));
    assertCash(buyer, 10_000 - 2_550, 2_550);
    // four fills of one share each at 25 cents: 0.5 cent of fee each, charged once on the total as
    // it grows
    long paid = 0;
    for (int i = 0; i < 4; i++) {
      JsonObject sold = place(seller, limit(symbol, "sell", 25, 1));
      assertEquals(0, sold.getJsonArray("fills").getJsonObject(0).getLong("feeCents"));
    }
    JsonObject order =
        buyer.api().get("/api/market/orders/" + bid.getJsonObject("order").getLong("id")).json();
    for (Object fill : order.getJsonArray("fills")) {
      paid += ((JsonObject) fill).getLong("feeCents");
    }
    assertEquals(2, paid, "2% of 100 cents");
    assertEquals(2, fees() - feesBefore);
    // 96 shares left: 2,400 + the most fee still possible, 2% of 2,500 minus the 2 cents paid = 48
    assertCash(buyer, 10_000 - 100 - 2 - 2_448, 2_448);
    buyer
        .api()
        .delete("/api/market/orders/" + bid.getJsonObject("order").getLong("id"))
        .expect(200);
    assertCash(buyer, 10_000 - 102, 0);
    // the buyer paid the fee, so the seller received the whole value of the four shares
    assertEquals(100, cash(seller));
  }

  @Test
  @DisplayName("a buy filled below its limit gets the difference back at once")
  void betterPriceReleases() {
    Listing listing = listed("BTR");
    phase(listing.symbol(), "continuous");
    place(listing.seller(), limit(listing.symbol(), "sell", 9_000, 2));
    TestUser buyer = trader(100_000);
    JsonObject bid = place(buyer, limit(listing.symbol(), "buy", 9_500, 5));
    assertEquals(3 * 9_500, bid.getJsonObject("order").getLong("lockedCents"));
    assertCash(buyer, 100_000 - 18_000 - 28_500, 28_500);
  }

  @Test
  @DisplayName(
      "cash locked by one order cannot pay for another: insufficient_funds and nothing changes")
  void lockedCashCannotBeSpent() {
    Listing listing = listed("NSF");
    phase(listing.symbol(), "continuous");
    TestUser buyer = trader(10_000);
    place(buyer, limit(listing.symbol(), "buy", 8_000, 1));
    buyer
        .api()
        .post("/api/market/orders", limit(listing.symbol(), "buy", 8_000, 1))
        .expectProblem(422, "insufficient_funds");
    buyer
        .api()
        .post("/api/market/orders", market(listing.symbol(), "buy", 1).put("maxCostCents", 2_001))
        .expectProblem(422, "insufficient_funds");
    assertCash(buyer, 2_000, 8_000);
    assertEquals(1, buyer.api().get("/api/market/orders").json().getJsonArray("items").size());
    trader(0)
        .api()
        .post("/api/market/orders", limit(listing.symbol(), "buy", 8_000, 1))
        .expectProblem(422, "insufficient_funds");
  }

  @Test
  @DisplayName("shares promised to one sell order cannot be sold again: insufficient_shares")
  void lockedSharesCannotBeSold() {
    Listing listing = listed("NSS", new JsonObject().put("totalShares", 10));
    phase(listing.symbol(), "continuous");
    place(listing.seller(), limit(listing.symbol(), "sell", 11_000, 7));
    listing
        .seller()
        .api()
        .post("/api/market/orders", limit(listing.symbol(), "sell", 11_000, 4))
        .expectProblem(422, "insufficient_shares");
    listing
        .seller()
        .api()
        .post("/api/market/orders", market(listing.symbol(), "sell", 4))
        .expectProblem(422, "insufficient_shares");
    trader(0)
        .api()
        .post("/api/market/orders", limit(listing.symbol(), "sell", 11_000, 1))
        .expectProblem(422, "insufficient_shares");
    JsonObject seller = holding(listing.seller(), listing.symbol());
    assertEquals(10, seller.getLong("shares"));
    assertEquals(7, seller.getLong("lockedShares"));
  }

  @Test
  @DisplayName("average cost, realized and unrealized P&L follow the fills to the cent")
  void profitAndLoss() {
    Listing listing = listed("PNL");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser trader = trader(100_000);
    TestUser other = trader(100_000);
    place(listing.seller(), limit(symbol, "sell", 10_000, 2));
    place(listing.seller(), limit(symbol, "sell", 10_300, 1));
    place(trader, limit(symbol, "buy", 10_300, 3));
    JsonObject bought = holding(trader, symbol);
    // 20,000 + 10,300 = 30,300 for 3 shares: 10,100 each
    assertEquals(30_300, bought.getLong("costBasisCents"));
    assertEquals(10_100, bought.getLong("averageCostCents"));
    assertEquals(10_300, bought.getLong("markPriceCents"));
    assertEquals(600, bought.getLong("unrealizedPnlCents"));
    // sell 2 at 10,500: proceeds 21,000 - 420 fee = 20,580; cost removed 20,200; realized 380
    place(other, limit(symbol, "buy", 10_500, 2));
    place(trader, limit(symbol, "sell", 10_500, 2));
    JsonObject after = holding(trader, symbol);
    assertEquals(1, after.getLong("shares"));
    assertEquals(10_100, after.getLong("costBasisCents"));
    assertEquals(380, after.getLong("realizedPnlCents"));
    assertEquals(10_500 - 10_100, after.getLong("unrealizedPnlCents"));
    JsonObject portfolio = io.showfloor.testing.MarketFixture.portfolio(trader);
    assertEquals(100_000 - 30_300 + 20_580, portfolio.getLong("cashCents"));
    assertEquals(portfolio.getLong("cashCents") + 10_500, portfolio.getLong("equityCents"));
  }
}
