package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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

@DisplayName("A show's flash sale, giveaway, poll and questions in the browser")
class ShowExtrasBrowserTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  @Test
  @DisplayName(
      "a viewer buys from a pinned flash sale, enters a giveaway, votes in a poll and asks a question, all arriving live")
  void flashSaleGiveawayPollQuestion() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser viewer = Users.create();
    // entering a giveaway needs a default address (a prize ships)
    io.showfloor.testing.Shop.saveAddress(viewer);
    long showId = onAir.start(host, "Drop day");
    long productId =
        host.api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Tour poster")
                    .put("category", "posters")
                    .put("priceCents", 3_000)
                    .put("quantity", 5)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(viewer)) {
      Page page = visit.page;
      visit.go("/shows/" + showId);
      assertThat(page.getByTestId("viewer-count")).isVisible();

      host.api()
          .post(
              "/api/shows/" + showId + "/flash-sales",
              new JsonObject()
                  .put("productId", productId)
                  .put("priceCents", 1_500)
                  .put("quantity", 3))
          .expect(201);
      Locator sale = page.locator(".flash");
      assertThat(sale).containsText("Tour poster");
      assertThat(sale).containsText("3 of 3 left");
      sale.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Buy now for $15.00"))
          .click();
      assertThat(page.locator(".toast").first()).containsText("Bought for $15.00");
      assertThat(sale).containsText("2 of 3 left");

      host.api()
          .post(
              "/api/shows/" + showId + "/giveaways",
              new JsonObject().put("title", "Signed setlist").put("durationSeconds", 60))
          .expect(201);
      Locator giveaway = page.locator(".giveaway");
      assertThat(giveaway).containsText("Signed setlist");
      giveaway
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enter the giveaway"))
          .click();
      assertThat(
              giveaway.getByRole(
                  AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Entered")))
          .isDisabled();

      host.api()
          .post(
              "/api/shows/" + showId + "/polls",
              new JsonObject()
                  .put("question", "Next up?")
                  .put("options", new JsonArray().add("Posters").add("Vinyl")))
          .expect(201);
      Locator poll = page.locator(".poll");
      assertThat(poll).containsText("Next up?");
      poll.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Vinyl")).click();
      assertThat(poll).containsText("100%");
      assertThat(poll).containsText("1 vote");

      page.getByLabel("Your question").fill("Any Bowie posters?");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();
      assertThat(page.locator(".qa-list")).containsText("Any Bowie posters?");
      visit.screenshot("show-extras").assertAccessible().assertNoConsoleErrors();
    }
  }
}
