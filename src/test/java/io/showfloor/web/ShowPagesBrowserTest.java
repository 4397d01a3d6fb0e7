package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Clips, replays, host profiles and the verified badge in the browser")
class ShowPagesBrowserTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  @Test
  @DisplayName(
      "a viewer clips the live show and another viewer sees the clip arrive; it shows on the product page; after the show the host profile explains the trust score and leads to the replay with its chat, lot result and clip")
  void clipThenReplay() throws InterruptedException {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser alice = Users.create();
    Users.TestUser bob = Users.create();
    Instant started = Instant.now();
    long showId = onAir.start(host, "Trading card breaks");
    long productId =
        host.api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Holo Charizard")
                    .put("category", "trading-cards")
                    .put("priceCents", 9_000)
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
                    .put("durationSeconds", 5)
                    .put("mode", "standard")
                    .put("extendSeconds", 5))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/lots/" + lotId + "/start").expect(200);
    bob.api()
        .post("/api/lots/" + lotId + "/bids", new JsonObject().put("amountCents", 1_000))
        .expect(201);

    try (Visit aliceVisit = WebBrowser.open(Screen.PHONE).signIn(alice);
        Visit bobVisit = WebBrowser.open(Screen.DESKTOP).signIn(bob)) {
      Page a = aliceVisit.page;
      Page b = bobVisit.page;
      aliceVisit.go("/shows/" + showId);
      bobVisit.go("/shows/" + showId);
      assertThat(a.locator("[data-lot-id='" + lotId + "']")).isVisible();
      bob.api()
          .post("/api/shows/" + showId + "/chat", new JsonObject().put("text", "What a pull!"))
          .expect(201);
      assertThat(a.locator(".chat-line", new Page.LocatorOptions().setHasText("What a pull!")))
          .isVisible();

      // a clip of the last 15 s needs a show that has run a few seconds
      long wait = 5_000 - Duration.between(started, Instant.now()).toMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("✂ Clip this moment"))
          .click();
      a.getByLabel("Clip title").fill("The grail pull");
      a.getByLabel("15 s").check();
      aliceVisit.screenshot("show-clip-form").assertAccessible();
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save clip")).click();
      assertThat(a.locator(".clip-maker [role=status]")).containsText("Clipped “The grail pull”");
      Locator bobsClip = b.locator(".clip", new Page.LocatorOptions().setHasText("The grail pull"));
      assertThat(bobsClip).isVisible();
      assertThat(bobsClip).containsText("by " + alice.displayName());
      assertThat(bobsClip).containsText("Video appears once the show's recording is ready");
      bobVisit.screenshot("show-with-clip").assertAccessible();

      aliceVisit.go("/products/" + productId);
      assertThat(a.locator("#main .clip", new Page.LocatorOptions().setHasText("The grail pull")))
          .containsText("Trading card breaks");
      aliceVisit.assertAccessible();
      // reporting works the same on a product as on a chat message
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Report Holo Charizard"))
          .click();
      Locator dialog =
          a.getByRole(
              AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Report Holo Charizard"));
      assertThat(dialog.getByLabel("Counterfeit item")).isChecked();
      dialog
          .getByLabel("Anything a moderator should know (optional)")
          .fill("The hologram looks printed");
      dialog
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send report"))
          .click();
      assertThat(a.locator(".toast")).containsText("A moderator will look at it");
      assertThat(dialog).hasCount(0);
      org.junit.jupiter.api.Assertions.assertTrue(
          alice.api().get("/api/reports").expect(200).json().getJsonArray("items").stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  r ->
                      "product".equals(r.getString("targetType"))
                          && "The hologram looks printed".equals(r.getString("note"))),
          "alice's report is filed");

      Eventually.until(
          () ->
              "sold"
                  .equals(
                      host.api().get("/api/lots/" + lotId).expect(200).json().getString("status")),
          "the lot is sold");
      host.api().post("/api/shows/" + showId + "/end").expect(200);

      aliceVisit.go("/shows/" + showId);
      a.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(host.displayName())).click();
      assertThat(
              a.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName(host.displayName()).setLevel(1)))
          .isVisible();
      assertThat(a.locator("[data-input=showHistory]")).containsText("1 held");
      assertThat(a.locator("[data-input=upheldReports]")).containsText("0 upheld");
      assertThat(a.locator("[data-input=ratings]")).containsText("no ratings yet — not counted");
      assertThat(a.getByTestId("trust-score")).not().hasText("—");
      assertThat(a.locator("#main")).containsText("Weighted mean of the available inputs");
      aliceVisit.screenshot("host-profile").assertAccessible();

      a.getByRole(
              AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay of Trading card breaks"))
          .click();
      assertThat(
              a.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Trading card breaks Replay").setLevel(1)))
          .isVisible();
      assertThat(a.locator(".replay-chat li", new Page.LocatorOptions().setHasText("What a pull!")))
          .containsText(bob.displayName());
      // ending the show does not cancel the won lot: bob's order stays inside its payment window
      assertThat(a.locator("[data-lot-id='" + lotId + "']"))
          .containsText("Sold for $10.00 to " + bob.displayName());
      assertThat(a.locator(".clip", new Page.LocatorOptions().setHasText("The grail pull")))
          .isVisible();
      aliceVisit.screenshot("replay").assertAccessible();
      aliceVisit.assertNoConsoleErrors();
      bobVisit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a creator asks for the verified badge from the studio, an admin grants it in the console, and viewers see it on the host profile")
  void verification() {
    Users.TestUser host = Users.create("creator");
    Users.TestUser admin = Users.create("admin");
    try (Visit hostVisit = WebBrowser.open(Screen.PHONE).signIn(host)) {
      Page h = hostVisit.page;
      hostVisit.go("/studio");
      h.getByLabel("Note for the reviewer (optional)").fill("My shop: cards-with-sam.example");
      h.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request verification"))
          .click();
      assertThat(h.locator("#main")).containsText("waiting for an admin's review");
      hostVisit.screenshot("studio-verification-pending").assertAccessible();

      try (Visit adminVisit = WebBrowser.open(Screen.DESKTOP).signIn(admin)) {
        Page m = adminVisit.page;
        adminVisit.go("/admin");
        m.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Host verification")).click();
        Locator request = m.locator("[data-host-id='" + host.id() + "']");
        assertThat(request).containsText("My shop: cards-with-sam.example");
        adminVisit.screenshot("admin-host-verification").assertAccessible();
        request
            .getByLabel("Note to " + host.displayName() + " (optional)")
            .fill("Checked the shop.");
        request
            .getByRole(
                AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Verify " + host.displayName()))
            .click();
        assertThat(m.locator(".toast"))
            .containsText(host.displayName() + " is now a verified host");
        assertThat(request).hasCount(0);
        adminVisit.assertNoConsoleErrors();
      }

      try (Visit viewer = WebBrowser.open(Screen.DESKTOP)) {
        viewer.go("/hosts/" + host.id());
        assertThat(viewer.page.getByTestId("verified-badge")).hasText("✓ Verified host");
        viewer.assertAccessible().assertNoConsoleErrors();
      }
      hostVisit.go("/studio");
      assertThat(h.locator("#main")).containsText("Verified host since");
      hostVisit.assertNoConsoleErrors();
    }
  }
}
