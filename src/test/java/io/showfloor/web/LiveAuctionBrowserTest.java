package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A live auction in two browsers")
class LiveAuctionBrowserTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  /** Milliseconds left on the lot's countdown as the page draws it now. */
  private static long msLeft(Page page) {
    return Long.parseLong(page.locator(".countdown-time").getAttribute("data-ms-left"));
  }

  private static void bid(Page page, String label) {
    page.getByTestId("bid-button").click();
    assertThat(page.getByTestId("bid-button")).not().hasText(label);
  }

  @Test
  @DisplayName(
      "two bidders whose clocks are minutes apart see the same price and countdown, a late bid visibly extends the clock, and the winner pays in the sandbox and sees the order")
  void twoBiddersSoftCloseAndCheckout() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser alice = Users.create();
    Users.TestUser bob = Users.create();
    long showId = onAir.start(host, "Camera night");
    long productId =
        host.api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Leica M3")
                    .put("category", "cameras")
                    .put("description", "Double stroke, 1955")
                    .put("priceCents", 150_000)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    long lotId =
        host.api()
            .post(
                "/api/shows/" + showId + "/lots",
                new JsonObject()
                    .put("productId", productId)
                    .put("startingPriceCents", 1_000)
                    .put("durationSeconds", 9)
                    .put("mode", "standard")
                    .put("extendSeconds", 10))
            .expect(201)
            .json()
            .getLong("id");

    try (Visit aliceVisit = WebBrowser.open(Screen.PHONE).signIn(alice);
        Visit bobVisit =
            WebBrowser.open(Screen.DESKTOP).signIn(bob).withControllableLiveConnection()) {
      // their device clocks are wrong, by minutes and in opposite directions; the countdown uses
      // the server's
      aliceVisit.context.addInitScript(
          "{ const now = Date.now.bind(Date); Date.now = () => now() + 180000; }");
      bobVisit.context.addInitScript(
          "{ const now = Date.now.bind(Date); Date.now = () => now() - 120000; }");
      Page a = aliceVisit.page;
      Page b = bobVisit.page;
      aliceVisit.go("/shows/" + showId);
      bobVisit.go("/shows/" + showId);

      // the host opens the lot: it appears in both browsers without a reload
      host.api().post("/api/lots/" + lotId + "/start").expect(200);
      for (Page page : new Page[] {a, b}) {
        assertThat(page.locator("[data-lot-id='" + lotId + "'][data-lot-status='open']"))
            .isVisible();
        assertThat(page.getByTestId("lot-price")).hasText("$10.00");
        assertThat(
                page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Leica M3")))
            .isVisible();
      }

      // bob's connection drops while alice bids; when it is back his page shows the true state
      bobVisit.dropLiveConnection();
      bid(a, "Bid $10.00");
      assertThat(b.getByTestId("bid-count")).containsText("0 bids");
      bobVisit.restoreLiveConnection();
      assertThat(b.getByTestId("bid-count"))
          .containsText(
              "1 bid",
              new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                  .setTimeout(15_000));
      for (Page page : new Page[] {a, b}) {
        assertThat(page.getByTestId("lot-price")).hasText("$10.00");
        assertThat(page.getByTestId("bid-count")).containsText("1 bid");
      }
      assertThat(a.getByText("You are the high bidder", new Page.GetByTextOptions().setExact(true)))
          .isVisible();
      assertThat(b.getByTestId("bid-button")).hasText("Bid $10.50");
      long leftA = msLeft(a);
      long leftB = msLeft(b);
      assertTrue(
          Math.abs(leftA - leftB) < 1_000,
          "both countdowns agree: " + leftA + " vs " + leftB + " ms");
      aliceVisit.screenshot("auction-leading").assertAccessible();

      // wait until the clock runs low, then bob's late bid resets it to the extension window
      a.waitForCondition(
          () -> msLeft(a) < 6_000, new Page.WaitForConditionOptions().setTimeout(12_000));
      long before = msLeft(b);
      bid(b, "Bid $10.50");
      for (Page page : new Page[] {a, b}) {
        assertThat(page.getByTestId("lot-price")).hasText("$10.50");
        assertThat(page.getByTestId("bid-count")).containsText("2 bids");
        assertThat(page.locator(".countdown-bump")).isVisible();
      }
      long afterA = msLeft(a);
      long afterB = msLeft(b);
      assertTrue(
          afterB > before + 2_000, "the clock was extended: " + before + " -> " + afterB + " ms");
      assertTrue(afterB > 8_000, "back to about 10 s: " + afterB);
      assertTrue(
          Math.abs(afterA - afterB) < 1_000,
          "both countdowns agree after the extension: " + afterA + " vs " + afterB);
      assertThat(a.locator(".toast", new Page.LocatorOptions().setHasText("outbid"))).isVisible();
      aliceVisit.screenshot("auction-extended");
      bobVisit.screenshot("auction-extended").assertAccessible();

      // the lot closes on the server's clock; both see the result, bob is told he won
      Locator outcome = b.getByTestId("lot-outcome");
      assertThat(outcome)
          .containsText(
              "You won this lot for $10.50",
              new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                  .setTimeout(20_000));
      assertThat(a.getByTestId("lot-outcome")).containsText("Sold for $10.50");
      bobVisit.screenshot("auction-won");

      Locator main = b.locator("#main");
      main.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Pay now")).click();
      assertThat(main.getByText("Waiting for payment")).isVisible();
      main.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Pay now")).click();
      assertThat(b.getByTestId("checkout-total")).not().hasText("$0.00");
      bobVisit.fillShippingAddress("Bob Bidder", "1 Market Street", "Springfield", "12345");
      bobVisit.screenshot("checkout-sandbox").assertAccessible();
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(b.getByText("Your order is confirmed")).isVisible();
      Locator order = b.locator(".order-list li").first();
      assertThat(order).containsText("Leica M3");
      assertThat(order).containsText("Paid");
      bobVisit.screenshot("orders-paid").assertAccessible();

      JsonObject lot = bob.api().get("/api/lots/" + lotId).expect(200).json();
      assertEquals("sold", lot.getString("status"));
      assertEquals(bob.id(), lot.getLong("winnerId"));
      aliceVisit.assertNoConsoleErrors();
      bobVisit.assertNoConsoleErrors();
    }
  }
}
