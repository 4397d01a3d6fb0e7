package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Saved-card shows, runner-up offers and streaks in the browser")
class RunnerUpBrowserTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  private static long lot(Users.TestUser host, long showId, String title, int seconds) {
    long productId =
        host.api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", title)
                    .put("category", "vintage")
                    .put("priceCents", 5_000)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    return host.api()
        .post(
            "/api/shows/" + showId + "/lots",
            new JsonObject()
                .put("productId", productId)
                .put("startingPriceCents", 1_000)
                .put("durationSeconds", seconds)
                .put("mode", "standard")
                .put("extendSeconds", 5))
        .expect(201)
        .json()
        .getLong("id");
  }

  @Test
  @DisplayName(
      "the host makes a saved card required from the run sheet; a bidder without one is told why and where to save one, saves the test card, comes back and bids")
  void savedCardRequired() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser bidder = Users.create();
    // a win charged at once needs somewhere to ship (the address rule is tested over HTTP)
    io.showfloor.testing.Shop.saveAddress(bidder);
    long showId = onAir.start(host, "Card-only vintage");
    long lotId = lot(host, showId, "Rolex Datejust box", 60);
    try (Visit hostVisit = WebBrowser.open(Screen.DESKTOP).signIn(host);
        Visit bidderVisit = WebBrowser.open(Screen.PHONE).signIn(bidder)) {
      Page h = hostVisit.page;
      hostVisit.go("/studio/shows/" + showId);
      h.getByLabel("Saved card required to bid").check();
      assertThat(h.locator(".toast")).containsText("Bidders now need a saved card");
      hostVisit.assertAccessible();
      host.api().post("/api/lots/" + lotId + "/start").expect(200);

      Page b = bidderVisit.page;
      bidderVisit.go("/shows/" + showId);
      assertThat(b.getByTestId("saved-card-rule")).containsText("needs a saved card");
      b.getByTestId("bid-button").click();
      Locator refusal = b.getByTestId("saved-card-required");
      assertThat(refusal).containsText("only from people with a saved card");
      bidderVisit.screenshot("show-saved-card-required").assertAccessible();
      refusal
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Save a card"))
          .click();
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the test card"))
          .click();
      Locator back =
          b.locator(".toast")
              .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Back to the show"));
      back.click();
      b.getByTestId("bid-button").click();
      assertThat(b.locator(".toast")).containsText("You are the high bidder");
      bidderVisit.assertNoConsoleErrors();
      hostVisit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "the winner does not pay within the window; the host offers the lot to the runner-up from the run sheet, who finds the offer in the cart and pays it")
  void runnerUpOffer() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser winner = Users.create();
    Users.TestUser runnerUp = Users.create();
    long showId = onAir.start(host, "Estate sale");
    long lotId = unpaidLot(host, showId, "Brass telescope", runnerUp, 3_000, winner, 6_000);

    try (Visit hostVisit = WebBrowser.open(Screen.DESKTOP).signIn(host)) {
      Page h = hostVisit.page;
      hostVisit.go("/studio/shows/" + showId);
      Locator row = h.locator("[data-lot-id='" + lotId + "']");
      assertThat(row).containsText("winner did not pay");
      hostVisit.screenshot("run-sheet-unpaid").assertAccessible();
      row.getByRole(
              AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Offer to the runner-up"))
          .click();
      assertThat(h.locator(".toast")).containsText("Offered to the runner-up at $30.00");
      assertThat(row).containsText("offered to the runner-up at $30.00");
      hostVisit.assertNoConsoleErrors();
    }

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(runnerUp)) {
      Page r = visit.page;
      visit.go("/cart");
      Locator offer = r.locator("[data-runner-up-offer='" + lotId + "']");
      assertThat(offer).containsText("offered to you");
      assertThat(offer).containsText("$30.00");
      assertThat(
              offer.getByRole(
                  AriaRole.BUTTON,
                  new Locator.GetByRoleOptions()
                      .setName(java.util.regex.Pattern.compile("^Decline the offer of "))))
          .isVisible();
      visit.screenshot("cart-runner-up-offer").assertAccessible();
      r.locator("#main")
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Check out"))
          .click();
      visit.fillShippingAddress("Robin Runner", "1 Pier Street", "Seattle", "98101");
      r.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(r.getByText("Your order is confirmed")).isVisible();
      visit.assertNoConsoleErrors();
    }
    Eventually.until(
        () ->
            "sold"
                .equals(
                    host.api().get("/api/lots/" + lotId).expect(200).json().getString("status")),
        "the paid offer sells the lot to the runner-up");
    JsonObject lot = host.api().get("/api/lots/" + lotId).expect(200).json();
    assertEquals(runnerUp.id(), lot.getLong("winnerId"));
  }

  @Test
  @DisplayName(
      "a viewer who watched a live show long enough today sees the streak and its next bonus on the account page")
  void streak() throws InterruptedException {
    Users.TestUser host = Users.create("creator");
    Users.TestUser viewer = Users.create();
    long showId = onAir.start(host, "Morning coffee sale");
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(viewer)) {
      visit.go("/account");
      assertThat(visit.page.getByTestId("streak")).containsText("No streak yet");
      assertThat(visit.page.getByTestId("streak"))
          .containsText("Watch live shows for 2 more minutes today");
      // the test node counts a watching "minute" as one second of heartbeats
      viewer.api().post("/api/shows/" + showId + "/presence", new JsonObject()).expect(200);
      Thread.sleep(1_100);
      viewer.api().post("/api/shows/" + showId + "/presence", new JsonObject()).expect(200);
      Thread.sleep(1_100);
      viewer.api().post("/api/shows/" + showId + "/presence", new JsonObject()).expect(200);
      Eventually.until(
          () ->
              viewer
                  .api()
                  .get("/api/loyalty")
                  .expect(200)
                  .json()
                  .getJsonObject("streak")
                  .getBoolean("earnedToday"),
          "today's streak day is earned");
      visit.go("/account");
      assertThat(visit.page.getByTestId("streak")).containsText("1-day streak");
      assertThat(visit.page.getByTestId("streak"))
          .containsText("today's bonus earned (+10 points)");
      visit.screenshot("account-streak").assertAccessible().assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "the runner-up declines an offer from the cart: it leaves the cart and the lot ends unsold")
  void runnerUpDeclines() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser winner = Users.create();
    Users.TestUser runnerUp = Users.create();
    long showId = onAir.start(host, "Garage finds");
    long lotId = unpaidLot(host, showId, "Enamel sign", runnerUp, 2_000, winner, 4_000);
    host.api().post("/api/lots/" + lotId + "/runner-up-offer").expect(201);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(runnerUp)) {
      Page r = visit.page;
      visit.go("/cart");
      Locator offer = r.locator("[data-runner-up-offer='" + lotId + "']");
      assertThat(offer).containsText("$20.00");
      offer
          .getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions()
                  .setName(java.util.regex.Pattern.compile("^Decline the offer of ")))
          .click();
      assertThat(r.locator(".toast")).containsText("Offer declined");
      assertThat(offer).hasCount(0);
      visit.assertNoConsoleErrors();
    }
    Eventually.until(
        () ->
            "unsold"
                .equals(
                    host.api().get("/api/lots/" + lotId).expect(200).json().getString("status")),
        "a declined offer ends the lot unsold");
  }

  /**
   * A lot the runner-up bid on up to one maximum and the winner above it, won, and left unpaid
   * until its window closed.
   */
  private long unpaidLot(
      Users.TestUser host,
      long showId,
      String title,
      Users.TestUser runnerUp,
      long runnerUpMax,
      Users.TestUser winner,
      long winnerMax) {
    long lotId = lot(host, showId, title, 5);
    host.api().post("/api/lots/" + lotId + "/start").expect(200);
    runnerUp
        .api()
        .post(
            "/api/lots/" + lotId + "/bids",
            new JsonObject().put("amountCents", 1_000).put("maxAmountCents", runnerUpMax))
        .expect(201);
    long next =
        winner.api().get("/api/lots/" + lotId).expect(200).json().getLong("minNextBidCents");
    winner
        .api()
        .post(
            "/api/lots/" + lotId + "/bids",
            new JsonObject().put("amountCents", next).put("maxAmountCents", winnerMax))
        .expect(201);
    Eventually.until(
        () ->
            "sold"
                .equals(
                    host.api().get("/api/lots/" + lotId).expect(200).json().getString("status")),
        "the lot is sold");
    host.api().post("/api/shows/" + showId + "/end").expect(200);
    // ending the show keeps the winner's payment window; close it as if its hours had passed
    io.showfloor.testing.TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1",
            io.vertx.sqlclient.Tuple.of(
                host.api().get("/api/lots/" + lotId).expect(200).json().getLong("orderId")))
        .await();
    Eventually.until(
        () ->
            "unpaid"
                .equals(
                    host.api().get("/api/lots/" + lotId).expect(200).json().getString("status")),
        "the unpaid win is settled once its window closed");
    return lotId;
  }
}
