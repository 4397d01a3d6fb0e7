package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A live show in the browser")
class LiveShowPageTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  @Test
  @DisplayName(
      "discover lists it live with its viewers; chat and reactions reach other viewers at once, a viewer follows the host, and a message a moderator removes from the queue disappears for them")
  void discoverWatchChatModerate() {
    Users.TestUser host = Users.create("creator", "seller");
    Users.TestUser alice = Users.create();
    Users.TestUser bob = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    long showId = onAir.start(host, "Friday sneaker drop");

    try (Visit aliceVisit = WebBrowser.open(Screen.PHONE).signIn(alice);
        Visit bobVisit = WebBrowser.open(Screen.DESKTOP).signIn(bob)) {
      Page a = aliceVisit.page;
      aliceVisit.go("/");
      Locator card = a.locator("[data-show-id='" + showId + "']");
      assertThat(card).containsText("Friday sneaker drop");
      assertThat(card).containsText("LIVE");
      card.click();
      assertThat(
              a.getByRole(
                  AriaRole.HEADING, new Page.GetByRoleOptions().setName("Friday sneaker drop")))
          .isVisible();
      // alice's heartbeat makes her count
      assertThat(a.getByTestId("viewer-count")).not().containsText(" 0");

      Page b = bobVisit.page;
      bobVisit.go("/shows/" + showId);
      b.getByLabel("Write a chat message").fill("Size 10 anyone?");
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
      Locator line =
          a.locator(".chat-line", new Page.LocatorOptions().setHasText("Size 10 anyone?"));
      assertThat(line).isVisible();

      // a reaction floats up on everyone's screen; following the host sticks
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Love it")).click();
      assertThat(a.locator(".floater").first()).isAttached();
      a.getByRole(
              AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Follow " + host.displayName()))
          .click();
      assertThat(a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Following")))
          .hasAttribute("aria-pressed", "true");
      aliceVisit.screenshot("show-live-chat").assertAccessible();
      bobVisit.screenshot("show-live-chat").assertAccessible();

      try (Visit modVisit = WebBrowser.open(Screen.DESKTOP).signIn(moderator)) {
        Page m = modVisit.page;
        modVisit.go("/admin?tab=moderation");
        m.getByLabel("Show", new Page.GetByLabelOptions().setExact(true))
            .selectOption(String.valueOf(showId));
        m.getByRole(
                AriaRole.BUTTON,
                new Page.GetByRoleOptions()
                    .setName(java.util.regex.Pattern.compile("^Remove “Size 10 anyone\\?”")))
            .click();
        assertThat(m.locator(".toast")).containsText("Removed the message");
        modVisit.screenshot("admin-moderation").assertAccessible().assertNoConsoleErrors();
      }
      assertThat(line).hasCount(0);
      assertThat(b.locator(".chat-line", new Page.LocatorOptions().setHasText("Size 10 anyone?")))
          .hasCount(0);
      aliceVisit.assertNoConsoleErrors();
      bobVisit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a viewer reports a chat message in a small dialog; a moderator removes it from the reports queue, the viewer sees it gone, and the audit trail records it")
  void reportedMessageRemovedFromQueue() {
    Users.TestUser host = Users.create("creator");
    Users.TestUser troll = Users.create();
    Users.TestUser viewer = Users.create();
    Users.TestUser moderator = Users.create("moderator");
    long showId = onAir.start(host, "Quiet vinyl hour");
    long messageId =
        troll
            .api()
            .post(
                "/api/shows/" + showId + "/chat",
                new io.vertx.core.json.JsonObject().put("text", "buy followers at spam.example"))
            .expect(201)
            .json()
            .getLong("id");

    try (Visit viewerVisit = WebBrowser.open(Screen.PHONE).signIn(viewer)) {
      Page v = viewerVisit.page;
      viewerVisit.go("/shows/" + showId);
      Locator line = v.locator("[data-message-id='" + messageId + "']");
      assertThat(line).containsText("buy followers");
      line.getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Report message from " + troll.displayName()))
          .click();
      Locator dialog =
          v.getByRole(
              AriaRole.DIALOG,
              new Page.GetByRoleOptions().setName("Report message from " + troll.displayName()));
      assertThat(dialog).isVisible();
      // keyboard first: the dialog holds focus, Escape closes it and focus returns to the button
      v.keyboard().press("Escape");
      assertThat(dialog).hasCount(0);
      line.getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Report message from " + troll.displayName()))
          .click();
      dialog.getByLabel("Spam or scam links").check();
      dialog
          .getByLabel("Anything a moderator should know (optional)")
          .fill("Posted in every show tonight");
      viewerVisit.screenshot("report-dialog").assertAccessible();
      dialog
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send report"))
          .click();
      assertThat(v.locator(".toast")).containsText("A moderator will look at it");
      assertThat(dialog).hasCount(0);

      try (Visit modVisit = WebBrowser.open(Screen.DESKTOP).signIn(moderator)) {
        Page m = modVisit.page;
        modVisit.go("/admin");
        Locator item =
            m.locator("[data-target-type=chat_message][data-target-id='" + messageId + "']");
        assertThat(item).containsText("buy followers at spam.example");
        assertThat(item).containsText("1 report");
        assertThat(item).containsText("spam 1");
        item.getByText("Read the reports").click();
        assertThat(item.locator(".queue")).containsText("Posted in every show tonight");
        modVisit.screenshot("admin-reports").assertAccessible();
        item.getByLabel("Note for the record (optional)").fill("Spam link");
        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove message"))
            .click();
        assertThat(m.locator(".toast")).containsText("Remove: done");
        assertThat(item).hasCount(0);

        // the viewer's page drops the message without a reload
        assertThat(line).hasCount(0);

        m.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Audit trail")).click();
        Locator entry = m.locator("[data-audit-id]").first();
        assertThat(entry).containsText(moderator.displayName());
        assertThat(entry).containsText("Remove");
        assertThat(entry).containsText("Chat message " + messageId);
        modVisit.screenshot("admin-audit").assertAccessible().assertNoConsoleErrors();
      }
      viewerVisit.assertNoConsoleErrors();
    }
  }
}
