package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The settings page in the browser")
class SettingsBrowserTest {
  private static final String PASSWORD = "Settings-page-42x";
  private static final String NEW_PASSWORD = "Another-strong-77q";
  private static final LocatorAssertions.ContainsTextOptions SLOW =
      new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);

  /** Someone who signed up with a real password and verified their address. */
  private static TestUser person() {
    String email = "settings" + System.nanoTime() + "@example.test";
    long id =
        TestNode.api()
            .fromNewAddress()
            .post(
                "/api/auth/signup",
                new JsonObject()
                    .put("email", email)
                    .put("password", PASSWORD)
                    .put("displayName", "Sam Settings"))
            .expect(201)
            .json()
            .getJsonObject("user")
            .getLong("id");
    String token = Mailbox.token(Mailbox.await(email, "Confirm your Showfloor email"));
    TestNode.api().post("/api/auth/verify", new JsonObject().put("token", token)).expect(200);
    return Users.existing(id);
  }

  private static byte[] picture() throws IOException {
    BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(200, 80, 40));
    g.fillRect(0, 0, 400, 400);
    g.setColor(Color.WHITE);
    g.fillOval(100, 100, 200, 200);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static void settle(Visit visit, TestUser user) throws IOException {
    Page page = visit.page;
    visit.go("/settings");
    assertThat(
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notifications")))
        .isVisible();

    page.locator("#avatar-file").setInputFiles(new FilePayload("me.jpg", "image/jpeg", picture()));
    assertThat(page.getByAltText("Your picture"))
        .hasAttribute("src", java.util.regex.Pattern.compile("^/api/media/[0-9a-f]{64}\\.jpg$"));

    page.getByLabel("Bids and auctions: outbid, won, offers, giveaways: by mail").uncheck();
    assertThat(page.getByLabel("Bids and auctions: outbid, won, offers, giveaways: by mail"))
        .not()
        .isChecked();
  }

  @Test
  @DisplayName(
      "on a phone: a picture is uploaded, a notification switched off, the password changed and an email change started")
  void phone() throws IOException {
    TestUser user = person();
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(user)) {
      Page page = visit.page;
      settle(visit, user);

      Locator password = page.locator("#password");
      password.getByLabel("Current password").fill(PASSWORD);
      password
          .getByLabel("New password", new Locator.GetByLabelOptions().setExact(true))
          .fill(NEW_PASSWORD);
      password.getByLabel("New password again").fill(NEW_PASSWORD);
      password
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change password"))
          .click();
      // two argon2 hashes on a busy machine: wait for them
      assertThat(password.getByRole(AriaRole.STATUS))
          .containsText("Every other session has been signed out", SLOW);

      Locator email = page.locator("#email");
      String next = "moved" + System.nanoTime() + "@example.test";
      email.getByLabel("New email address").fill(next);
      email.getByLabel("Current password").fill(NEW_PASSWORD);
      email
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change email"))
          .click();
      assertThat(email.getByRole(AriaRole.STATUS)).containsText("We sent a link to " + next, SLOW);
      Mailbox.await(next, "Confirm your new Showfloor email address");

      visit.assertAccessible().screenshot("settings").assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "on a desktop: the page explains what deleting keeps, and deleting signs out and anonymises the account")
  void desktopDelete() throws IOException {
    TestUser user = person();
    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(user)) {
      Page page = visit.page;
      settle(visit, user);
      visit.assertAccessible().screenshot("settings");

      Locator zone = page.locator("#delete");
      assertThat(zone).containsText("Your orders, payments and the ledger stay");
      zone.getByLabel("Current password").fill(PASSWORD);
      zone.getByLabel("Type DELETE to confirm").fill("DELETE");
      zone.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete my account"))
          .click();
      page.waitForURL(url -> url.endsWith("/"), new Page.WaitForURLOptions().setTimeout(30_000));
      String status =
          TestNode.get()
              .platform()
              .db()
              .one("SELECT status FROM users WHERE id = $1", Tuple.of(user.id()))
              .await()
              .getString("status");
      assertEquals("deleted", status);
      visit.assertNoConsoleErrors();
    }
  }
}
