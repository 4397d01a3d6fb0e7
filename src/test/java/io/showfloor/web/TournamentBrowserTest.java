package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Users.TestUser;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tournaments in the browser")
class TournamentBrowserTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static TestUser admin() {
    return LedgerCheck.admin();
  }

  private static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  @Test
  @DisplayName(
      "a trader enters a free tournament from the lobby, buys in its trading view, sees the fill, the news and the live board move")
  void enterTradeAndWatchTheBoard() {
    String name = "Gold cup " + UUID.randomUUID().toString().substring(0, 6);
    JsonObject created =
        admin()
            .api()
            .post(
                "/api/tournaments",
                new JsonObject()
                    .put("name", name)
                    .put("rules", "Highest equity wins.\nPlay money only.")
                    .put("startsAt", Instant.now().plusSeconds(3600).toString())
                    .put("endsAt", Instant.now().plusSeconds(7200).toString())
                    .put("startingCashCents", 100_000)
                    .put(
                        "instruments",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("base", "GLD")
                                    .put("name", "Gold")
                                    .put("referencePriceCents", 1000))))
            .expect(201)
            .json();
    long id = created.getLong("id");
    String symbol = "Z" + id + "GLD";
    TestUser trader = MarketFixture.trader(0);
    TestUser other = MarketFixture.trader(0);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(trader)) {
      Page p = visit.page;
      visit.go("/market");
      p.getByRole(AriaRole.LINK, named("Tournaments")).first().click();
      assertThat(p.locator("[data-tournament-id='" + id + "']")).containsText("Free");
      assertThat(p.locator("[data-tournament-id='" + id + "']")).containsText("0 / 100");
      assertThat(p.locator("[data-tournament-id='" + id + "']")).containsText("Starts in");
      visit.screenshot("tournament-lobby").assertAccessible();
      p.getByRole(AriaRole.LINK, named(name)).click();

      assertThat(p.getByTestId("tournament-rules")).containsText("Play money only.");
      p.getByRole(AriaRole.BUTTON, named("Enter for free")).click();
      assertThat(p.getByTestId("enter-reason")).hasText("You are in this tournament.");
      assertThat(p.getByTestId("entrants")).hasText("1 / 100");
      assertThat(p.getByTestId("play-cash")).hasText("$1,000.00");
      // a second entrant arrives on the tournament's topic
      other
          .api()
          .with("Idempotency-Key", "enter-" + id)
          .post("/api/tournaments/" + id + "/entries", new JsonObject())
          .expect(201);
      assertThat(p.getByTestId("entrants")).hasText("2 / 100");

      admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
      assertThat(p.getByTestId("tournament-status")).hasText("Trading now");
      assertThat(p.getByTestId("tournament-clock")).containsText("Ends in");
      // the house's bot quotes 9.95 / 10.05 around the 10.00 reference
      assertThat(p.getByTestId("order-book")).containsText("$10.05");
      p.getByLabel("Limit price ($)").fill("10.05");
      p.getByRole(AriaRole.TEXTBOX, named("Shares")).fill("10");
      assertThat(p.getByTestId("available")).hasText("$1,000.00");
      p.getByRole(AriaRole.BUTTON, named("Buy 10 " + symbol)).click();
      assertThat(p.locator(".toasts")).containsText("Bought 10 " + symbol + " at $10.05");
      assertThat(p.getByTestId("play-cash")).hasText("$899.50");
      assertThat(p.locator("[data-holding='" + symbol + "']")).containsText("10 shares");
      assertThat(p.getByTestId("trade-tape")).containsText("$10.05");

      // good news moves the bot to 11.00; another entrant's buy at 11.05 marks the trader's shares
      // up
      admin()
          .api()
          .post(
              "/api/tournaments/" + id + "/events",
              new JsonObject()
                  .put("symbol", symbol)
                  .put("headline", "Gold strikes")
                  .put("shockBps", 1000)
                  .put("at", Instant.now().toString()))
          .expect(201);
      assertThat(p.locator("#news-title + ul")).containsText("Gold strikes");
      assertThat(p.getByTestId("order-book")).containsText("$11.05");
      other
          .api()
          .post("/api/tournaments/" + id + "/orders", MarketFixture.limit(symbol, "buy", 1105, 1))
          .expect(201);
      // 899.50 of cash + 10 shares at the last price 11.05
      assertThat(p.locator("[data-testid=live-board] tr").nth(1))
          .containsText(trader.displayName());
      assertThat(p.locator("[data-testid=live-board] tr[data-user-id='" + trader.id() + "']"))
          .containsText("$1,010.00");
      assertThat(p.locator("[data-testid=live-board] tr[data-user-id='" + trader.id() + "']"))
          .containsText("+1.00%");
      assertThat(p.getByTestId("play-equity")).hasText("$1,010.00");
      visit.screenshot("tournament-trading").assertAccessible().assertNoConsoleErrors();
    }
    admin().api().post("/api/tournaments/" + id + "/cancel").expect(200);
  }

  @Test
  @DisplayName(
      "an admin creates a paid tournament in the lobby's form (a wrong end is named at its field); one trader pays from the wallet, another by card; after the finish the results page shows the winner and the prizes")
  void createPayFinishAndResults() {
    TestUser winner = MarketFixture.trader(1_000);
    TestUser second = MarketFixture.trader(1_000);
    TestUser third = MarketFixture.trader(1_000);
    String name = "Silver cup " + UUID.randomUUID().toString().substring(0, 6);
    long id;
    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(admin())) {
      Page p = visit.page;
      visit.go("/tournaments");
      p.getByRole(AriaRole.BUTTON, named("Create a tournament")).click();
      p.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
      p.getByLabel("Trading starts").fill("2031-01-01T10:00");
      p.getByLabel("Trading ends").fill("2031-01-01T09:00");
      p.getByLabel("Entry fee ($)").fill("5.00");
      p.getByLabel("Symbol 1").fill("SLV");
      p.getByLabel("Name 1").fill("Silver");
      p.getByLabel("Reference price 1 ($)").fill("20.00");
      p.getByRole(AriaRole.BUTTON, named("Create tournament")).click();
      assertThat(p.locator(".field-invalid")).containsText("The end must come after the start.");
      p.getByLabel("Trading ends").fill("2031-01-01T12:00");
      p.getByRole(AriaRole.BUTTON, named("Create tournament")).click();
      assertThat(p.getByRole(AriaRole.HEADING, named(name))).isVisible();
      p.waitForURL(Pattern.compile(".*/tournaments/\\d+$"));
      id = Long.parseLong(p.url().replaceAll(".*/tournaments/", ""));
      assertThat(p.getByTestId("tournament-status")).hasText("Open for entries");
      visit.assertNoConsoleErrors();
    }

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(winner);
        Visit byCard = WebBrowser.open(Screen.PHONE).signIn(second)) {
      Page p = visit.page;
      visit.go("/tournaments/" + id);
      p.getByRole(AriaRole.BUTTON, named("Pay $5.00 from your wallet")).click();
      assertThat(p.getByTestId("enter-reason")).hasText("You are in this tournament.");
      // the second pays by card (the sandbox's test card): the wallet is not touched
      byCard.go("/tournaments/" + id);
      byCard.page.getByRole(AriaRole.BUTTON, named("Pay by card instead")).click();
      assertThat(byCard.page.getByText("Sandbox payments")).isVisible();
      byCard.page.getByRole(AriaRole.BUTTON, named("Pay $5.00 by card")).click();
      assertThat(byCard.page.getByTestId("enter-reason")).hasText("You are in this tournament.");
      byCard.assertNoConsoleErrors();
      third
          .api()
          .with("Idempotency-Key", "enter-" + id + "-" + third.id())
          .post("/api/tournaments/" + id + "/entries", new JsonObject())
          .expect(201);
      assertThat(p.getByTestId("entrants")).hasText("3 / 100");
      admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
      assertThat(p.getByTestId("tournament-status")).hasText("Trading now");
      // nobody trades: equal equity, ties to the earlier entry, so the first to enter wins.
      // 3 x 5.00 = 15.00; the 15% cut is 2.25; 12.75 split 50/30/20 is 6.37, 3.82, 2.55
      admin().api().post("/api/admin/tournaments/" + id + "/finish").expect(200);
      assertThat(p.getByTestId("tournament-status")).hasText("Finished");
      assertThat(p.getByTestId("results-summary")).containsText("Winner: " + winner.displayName());

      p.getByRole(AriaRole.LINK, named("A page of its own to share")).click();
      assertThat(p.getByTestId("results-summary"))
          .containsText("Winner: " + winner.displayName() + " with $1,000.00, prize $6.37");
      assertThat(p.getByTestId("results-summary")).containsText("Prize pool $15.00");
      assertThat(p.locator("[data-testid=results-board] tr[data-user-id='" + second.id() + "']"))
          .containsText("$3.82");
      assertThat(p.locator("[data-testid=results-board] tr[data-user-id='" + third.id() + "']"))
          .containsText("$2.55");
      visit.screenshot("tournament-results").assertAccessible().assertNoConsoleErrors();
    }
    assertEquals(
        1_000 - 500 + 637,
        winner.api().get("/api/wallet").expect(200).json().getLong("availableCents"));
    assertEquals(
        1_000 + 382, second.api().get("/api/wallet").expect(200).json().getLong("availableCents"));
  }
}
