package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.showfloor.notify.Notifications;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The app's live connection")
class LiveConnectionTest {
  private static final LocatorAssertions.HasAttributeOptions RECONNECT =
      new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
  private final Notifications notifications =
      new Notifications(TestNode.get().platform().db(), TestNode.get().platform().events());

  private void notify(Users.TestUser user, String kind, JsonObject payload) {
    notifications.send(user.id(), kind, payload).await();
  }

  @Test
  @DisplayName(
      "pushes news at once; after the connection drops it reconnects by itself and shows the true state from a fresh snapshot")
  void reconnectsAndCatchesUp() {
    Users.TestUser viewer = Users.create();
    try (Visit visit =
        WebBrowser.open(Screen.PHONE).signIn(viewer).withControllableLiveConnection()) {
      Page page = visit.page;
      Locator bell = page.getByTestId("bell");
      visit.go("/account");
      assertThat(bell).hasAttribute("data-synced", "true");
      assertThat(bell).hasAttribute("aria-label", "Notifications");

      notify(
          viewer,
          "order_shipped",
          new JsonObject().put("orderId", 7).put("carrier", "UPS").put("trackingNumber", "1Z999"));
      assertThat(bell).hasAttribute("aria-label", "Notifications, 1 unread");
      assertThat(page.locator(".toast")).containsText("on its way");

      // the connection dies: the app says so, and what happens meanwhile is not pushed
      visit.dropLiveConnection();
      assertThat(page.locator(".connection")).containsText("Reconnecting");
      visit.screenshot("reconnecting");
      notify(viewer, "won", new JsonObject().put("priceCents", 1200));
      notify(viewer, "welcome", new JsonObject());
      visit.restoreLiveConnection();
      assertThat(bell).hasAttribute("aria-label", "Notifications, 3 unread", RECONNECT);
      assertThat(page.locator(".connection")).hasCount(0);

      // the browser goes offline and back: a surviving socket still starts over from snapshots
      visit.context.setOffline(true);
      assertThat(page.locator(".connection")).containsText("offline");
      visit.context.setOffline(false);
      assertThat(bell).hasAttribute("data-synced", "true", RECONNECT);
      assertThat(page.locator(".connection")).hasCount(0);

      bell.click();
      assertThat(page.locator("[data-kind='order_shipped']")).containsText("1Z999");
      visit.assertAccessible().screenshot("notifications");
      page.getByText("Mark all read").click();
      assertThat(bell).hasAttribute("aria-label", "Notifications");
      visit.assertNoConsoleErrors();
    }
  }
}
