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

@DisplayName("The creator studio in the browser")
class StudioBrowserTest {

  @Test
  @DisplayName(
      "a creator schedules a show, goes live, queues a lot and opens it; a viewer watching sees it arrive and bids, and the run sheet shows the bid")
  void scheduleGoLiveRunALot() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser viewer = Users.create();
    host.api()
        .post(
            "/api/products",
            new JsonObject()
                .put("title", "Polaroid SX-70")
                .put("category", "cameras")
                .put("priceCents", 20_000)
                .put("quantity", 1)
                .put("imageUrls", new JsonArray()))
        .expect(201);

    try (Visit hostVisit = WebBrowser.open(Screen.DESKTOP).signIn(host)) {
      Page h = hostVisit.page;
      hostVisit.go("/studio");
      h.getByLabel("Title").fill("Instant camera hour");
      h.getByLabel("Category").fill("cameras");
      hostVisit.screenshot("studio").assertAccessible();
      h.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Schedule")).click();
      assertThat(h.getByTestId("show-status")).hasText("Scheduled");
      String showPath = h.url().replaceAll(".*/studio/shows/", "/shows/");

      h.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Go live")).click();
      assertThat(h.getByTestId("show-status")).hasText("Live");
      h.getByText("Queue a lot").click();
      h.getByLabel("Starting price ($)").fill("5");
      h.getByLabel("Timer (seconds)").fill("60");
      h.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Queue it")).click();
      Locator lot = h.locator(".lot-row").first();
      assertThat(lot).containsText("Polaroid SX-70");
      assertThat(lot).containsText("queued");

      try (Visit viewerVisit = WebBrowser.open(Screen.PHONE).signIn(viewer)) {
        Page v = viewerVisit.page;
        viewerVisit.go(showPath);
        assertThat(v.locator(".lot-kicker")).hasText("Up next");

        lot.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start")).click();
        assertThat(lot).containsText("open");
        assertThat(v.getByTestId("lot-price")).hasText("$5.00");
        v.getByTestId("bid-button").click();
        assertThat(v.getByTestId("bid-count")).containsText("1 bid");
        assertThat(h.getByTestId("bid-count")).containsText("1 bid");
        hostVisit.screenshot("run-sheet").assertAccessible();
        viewerVisit.screenshot("show-lot-open").assertAccessible();
        viewerVisit.assertNoConsoleErrors();
      }
      hostVisit.assertNoConsoleErrors();
    }
  }
}
