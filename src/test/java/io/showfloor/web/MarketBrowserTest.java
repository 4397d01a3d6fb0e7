package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The market in two browsers")
class MarketBrowserTest {

  @Test
  @DisplayName(
      "a seller's limit order rests in the book, another trader's market order fills it, and both portfolios update without a reload")
  void limitThenMarketFills() {
    MarketFixture.Listing listing =
        MarketFixture.listed(
            "WEB", new JsonObject().put("totalShares", 100).put("referencePriceCents", 2_500));
    String symbol = listing.symbol();
    MarketFixture.phase(symbol, "continuous");
    Users.TestUser seller = listing.seller();
    Users.TestUser buyer = MarketFixture.trader(100_000);

    try (Visit sellerVisit = WebBrowser.open(Screen.DESKTOP).signIn(seller);
        Visit buyerVisit = WebBrowser.open(Screen.PHONE).signIn(buyer)) {
      Page s = sellerVisit.page;
      Page b = buyerVisit.page;
      sellerVisit.go("/market");
      s.locator("[data-symbol='" + symbol + "'] a").click();
      assertThat(s.getByTestId("phase")).hasText("Trading");

      // the seller offers 10 shares at $25.00
      s.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Sell")).click();
      s.getByLabel("Limit price ($)").fill("25.00");
      s.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Shares").setExact(true))
          .fill("10");
      assertThat(s.getByTestId("fee-preview")).containsText("$5.00");
      assertThat(s.getByTestId("available")).hasText("100 shares");
      s.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sell 10 " + symbol))
          .click();
      assertThat(s.locator(".orders li")).containsText("10 @ $25.00");

      buyerVisit.go("/market/" + symbol);
      assertThat(b.getByTestId("order-book")).containsText("$25.00");
      buyerVisit.screenshot("instrument").assertAccessible();
      sellerVisit.screenshot("instrument").assertAccessible();

      // the seller watches their portfolio while the buyer takes the offer at market
      s.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Market").setExact(true))
          .first()
          .click();
      sellerVisit.go("/market/portfolio");
      assertThat(s.locator("[data-symbol='" + symbol + "']")).containsText("100");

      b.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Market")).click();
      b.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Shares").setExact(true))
          .fill("10");
      assertThat(b.getByTestId("available")).hasText("$1,000.00");
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy 10 " + symbol)).click();

      assertThat(b.getByTestId("available")).hasText("$750.00");
      assertThat(b.getByTestId("trade-tape")).containsText("$25.00");
      assertThat(b.getByTestId("last-price")).hasText("$25.00");
      // the seller's page was not reloaded: the fill arrived on their private feed
      assertThat(s.getByTestId("cash")).hasText("$245.00");
      assertThat(s.locator("[data-symbol='" + symbol + "']")).containsText("90");
      sellerVisit.screenshot("portfolio").assertAccessible();

      buyerVisit.go("/market/portfolio");
      assertThat(b.locator("[data-symbol='" + symbol + "']")).containsText("10");
      buyerVisit.screenshot("portfolio").assertAccessible();
      sellerVisit.assertNoConsoleErrors();
      buyerVisit.assertNoConsoleErrors();
    }
  }
}
