package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Position;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Click-to-fill: the book, the tape and the portfolio fill the order ticket")
class ClickToFillBrowserTest {

  @Test
  @DisplayName(
      "a click on an offer fills a buy ticket with its price and shares and the order trades; the depth chart, the tape and quick-sell from the portfolio fill it too")
  void clickToFill() {
    MarketFixture.Listing listing =
        MarketFixture.listed(
            "CTF", new JsonObject().put("totalShares", 100).put("referencePriceCents", 2_500));
    String symbol = listing.symbol();
    MarketFixture.phase(symbol, "continuous");
    MarketFixture.place(listing.seller(), MarketFixture.limit(symbol, "sell", 2_500, 4));
    MarketFixture.place(listing.seller(), MarketFixture.limit(symbol, "sell", 2_550, 3));
    Users.TestUser bidder = MarketFixture.trader(100_000);
    MarketFixture.place(bidder, MarketFixture.limit(symbol, "buy", 2_400, 2));
    Users.TestUser buyer = MarketFixture.trader(100_000);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(buyer)) {
      Page page = visit.page;
      visit.go("/market/" + symbol);
      // the best offer: 4 shares at $25.00
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy 4 at $25.00"))
          .click();
      assertTicket(page, "Buy", "25.00", "4");
      visit.screenshot("click-to-fill").assertAccessible();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Buy 4 " + symbol))
          .click();
      assertThat(page.getByTestId("trade-tape")).containsText("$25.00");
      Eventually.until(
          () -> MarketFixture.holding(buyer, symbol).getLong("shares") == 4,
          "the buyer holds the 4 shares");

      // the depth chart's ask side: the one offer left, 3 shares at $25.50
      Locator depth = page.getByTestId("depth-chart");
      var box = depth.boundingBox();
      depth.click(
          new Locator.ClickOptions().setPosition(new Position(box.width - 4, box.height / 2)));
      assertTicket(page, "Buy", "25.50", "3");

      // a trade on the tape: its price and shares, on the side already chosen
      page.getByRole(
              AriaRole.BUTTON,
              new Page.GetByRoleOptions().setName("Order 4 at $25.00, as this trade"))
          .first()
          .click();
      assertTicket(page, "Buy", "25.00", "4");

      // quick-sell from the portfolio opens a sell ticket for the free shares
      visit.go("/market/portfolio");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sell " + symbol)).click();
      assertThat(page.getByTestId("last-price")).hasText("$25.00");
      assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Sell")))
          .hasAttribute("aria-checked", "true");
      assertThat(page.getByRole(AriaRole.TEXTBOX, shares())).hasValue("4");
      // and the best bid sells 2 of them to the bidder
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sell 2 at $24.00"))
          .click();
      assertTicket(page, "Sell", "24.00", "2");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sell 2 " + symbol))
          .click();
      assertThat(page.getByTestId("trade-tape")).containsText("$24.00");
      Eventually.until(
          () -> MarketFixture.holding(bidder, symbol).getLong("shares") == 2,
          "the bidder holds the 2 shares sold to them");
      assertEquals(2, MarketFixture.holding(buyer, symbol).getLong("shares"));
      visit.assertNoConsoleErrors();
    }
  }

  private static void assertTicket(Page page, String side, String price, String quantity) {
    assertThat(page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(side)))
        .hasAttribute("aria-checked", "true");
    assertThat(page.getByLabel("Limit price ($)")).hasValue(price);
    assertThat(page.getByRole(AriaRole.TEXTBOX, shares())).hasValue(quantity);
  }

  private static Page.GetByRoleOptions shares() {
    return new Page.GetByRoleOptions().setName("Shares").setExact(true);
  }
}
