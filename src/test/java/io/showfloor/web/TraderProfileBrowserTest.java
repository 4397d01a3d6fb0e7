package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.place;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A trader's public page, opened from the market leaderboard")
class TraderProfileBrowserTest {

  @Test
  @DisplayName(
      "a trader who closed a winning round trip today is on the leaderboard; their name opens their page with their stats")
  void openFromLeaderboard() {
    MarketFixture.Listing listing = MarketFixture.listed("TPB");
    String symbol = listing.symbol();
    MarketFixture.phase(symbol, "continuous");
    Users.TestUser winner = MarketFixture.trader(500_000);
    Users.TestUser other = MarketFixture.trader(500_000);
    place(listing.seller(), limit(symbol, "sell", 10_000, 10));
    place(winner, limit(symbol, "buy", 10_000, 10));
    place(winner, limit(symbol, "sell", 11_500, 4));
    place(other, limit(symbol, "buy", 11_500, 4));

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(other)) {
      Page page = visit.page;
      visit.go("/market");
      page.locator(".leaders")
          .getByRole(
              AriaRole.LINK,
              new com.microsoft.playwright.Locator.GetByRoleOptions().setName(winner.displayName()))
          .click();
      assertThat(page).hasURL(java.util.regex.Pattern.compile("/traders/" + winner.id() + "$"));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText(winner.displayName());
      assertThat(page.getByTestId("trader-trades")).hasText("2");
      assertThat(page.getByTestId("trader-win-rate")).hasText("1 of 1 · 100.0%");
      assertThat(page.getByTestId("trader-rank")).containsText("#");
      // P&L over time: no daily snapshot yet, so today's live point is the whole series
      assertThat(page.getByTestId("pnl-history")).isVisible();
      assertThat(page.getByTestId("pnl-history")).containsText("P&L over time");
      assertThat(page.getByTestId("equity-chart")).hasCount(0); // equity is the owner's alone
      visit.screenshot("trader").assertAccessible();
      visit.assertNoConsoleErrors();
    }
  }
}
