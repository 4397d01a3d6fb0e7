package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.place;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redeeming an item on its instrument page")
class RedemptionBrowserTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "the holder of every share sees \"Redeem the item\", confirms, and gets the link to a $0 order; a bid resting on the book gets its cash back")
  void redeemFromInstrumentPage() {
    TestUser seller = Users.create("seller");
    long item =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Signed poster")
                    .put("description", "One of a kind")
                    .put("category", "art")
                    .put("priceCents", 20_000)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    String symbol = MarketFixture.symbol("RDB");
    seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject()
                .put("symbol", symbol)
                .put("name", "Signed poster")
                .put("productId", item)
                .put("totalShares", 10)
                .put("referencePriceCents", 1_000))
        .expect(201);
    LedgerCheck.admin()
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false))
        .expect(200);
    MarketFixture.phase(symbol, "continuous");
    TestUser holder = MarketFixture.trader(20_000);
    Shop.saveAddress(holder);
    TestUser bidder = MarketFixture.trader(5_000);
    place(seller, limit(symbol, "sell", 1_000, 10));
    place(holder, limit(symbol, "buy", 1_000, 10));
    place(bidder, limit(symbol, "buy", 950, 2));

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(holder)) {
      Page p = visit.page;
      visit.go("/market/" + symbol);
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Redeem the item")).click();
      assertThat(p.locator("#main")).containsText("gives up all 10 shares");
      visit.screenshot("redeem-confirm").assertAccessible();
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm redemption"))
          .click();
      assertThat(p.getByTestId("redeemed")).containsText("is delisted");
      assertThat(p.getByTestId("redeemed")).containsText("nothing to pay");
      visit.screenshot("redeemed").assertAccessible().assertNoConsoleErrors();
      p.getByTestId("redeemed").getByRole(AriaRole.LINK).click();
      assertThat(p.locator("#main")).containsText("$0.00");
    }
    assertEquals(
        "delisted",
        TestNode.api()
            .get("/api/market/instruments/" + symbol)
            .expect(200)
            .json()
            .getString("status"));
    JsonObject wallet = bidder.api().get("/api/wallet").expect(200).json();
    assertEquals(
        0, wallet.getLong("heldCents"), "the resting bid was cancelled and its escrow released");
    assertEquals(5_000, wallet.getLong("availableCents"));
  }
}
