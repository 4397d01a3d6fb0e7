package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Account pages in the browser")
class AccountPagesTest {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String PASSWORD = "Bidding-season-2026";

  private static String newEmail() {
    return "web"
        + System.nanoTime() % 1_000_000
        + "-"
        + SEQUENCE.incrementAndGet()
        + "@example.test";
  }

  /** The path and query of a mail's link: the test node's public URL is not where it listens. */
  private static String linkIn(JsonObject mail, String path) {
    String text = mail.getString("text");
    int at = text.indexOf(path + "?token=");
    assertTrue(at > 0, "no " + path + " link in: " + text);
    String rest = text.substring(at).split("\\s")[0];
    return URI.create(rest).toString();
  }

  private static void signUp(Page page, String name, String email, String password) {
    page.navigate("/signup");
    page.getByLabel("Display name").fill(name);
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up")).last().click();
  }

  @Test
  @DisplayName(
      "a visitor signs up, verifies with the link from the mail, logs out and logs in again")
  void signUpVerifyLogIn() {
    String email = newEmail();
    try (Visit visit = WebBrowser.open(Screen.PHONE)) {
      Page page = visit.page;
      signUp(page, "Robin Bidder", email, PASSWORD);
      assertThat(
              page.getByRole(
                  AriaRole.HEADING, new Page.GetByRoleOptions().setName("Check your email")))
          .isVisible();
      assertThat(page.getByText("Verify your email to bid and buy")).isVisible();
      visit.screenshot("signup-sent");

      page.navigate(linkIn(Mailbox.await(email, "Confirm"), "/verify"));
      assertThat(page.getByText("Your email is verified")).isVisible();
      assertThat(page.getByText("Verify your email to bid and buy")).isHidden();
      visit.screenshot("verified");

      // on a phone the account lives behind the "You" tab
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("You")).click();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
      assertThat(
              page.getByRole(AriaRole.BANNER)
                  .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sign up")))
          .isVisible();

      page.navigate("/login");
      page.getByLabel("Email").fill(email);
      page.getByLabel("Password").fill(PASSWORD);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).last().click();
      assertThat(page.getByText("Welcome back, Robin Bidder.")).isVisible();
      page.navigate("/account");
      assertThat(page.getByText(email)).isVisible();
      assertThat(page.getByText("verified", new Page.GetByTextOptions().setExact(true)))
          .isVisible();
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName("a wrong password and a weak one are explained in plain words")
  void refusalsInPlainWords() {
    try (Visit visit = WebBrowser.open(Screen.DESKTOP)) {
      Page page = visit.page;
      page.navigate("/login");
      page.getByLabel("Email").fill(newEmail());
      page.getByLabel("Password").fill("not-the-password-1");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).last().click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("password");
      visit.assertAccessible().screenshot("login-refused");

      signUp(page, "Weak", newEmail(), "aaaaaaaaaaaa");
      assertThat(page.locator(".field-error")).isVisible();
      visit.assertAccessible().screenshot("signup-weak-password");
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName("a forgotten password is reset with the link from the mail, and the new one logs in")
  void resetPassword() {
    String email = newEmail();
    io.showfloor.testing.TestNode.api()
        .post(
            "/api/auth/signup",
            new JsonObject()
                .put("email", email)
                .put("password", PASSWORD)
                .put("displayName", "Forgetful"))
        .expect(201);
    try (Visit visit = WebBrowser.open(Screen.PHONE)) {
      Page page = visit.page;
      page.navigate("/forgot-password");
      page.getByLabel("Email").fill(email);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the link")).click();
      assertThat(page.getByText("a reset link is on its way")).isVisible();

      page.navigate(linkIn(Mailbox.await(email, "assword"), "/reset-password"));
      page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
          .fill("Fresh-start-2027!");
      page.getByLabel("Repeat the new password").fill("Fresh-start-2027!");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
          .click();
      assertThat(page.getByText("Your password is changed")).isVisible();
      visit.screenshot("password-changed");

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in")).last().click();
      page.getByLabel("Email").fill(email);
      page.getByLabel("Password").fill("Fresh-start-2027!");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).last().click();
      assertThat(page.getByText("Welcome back, Forgetful.")).isVisible();
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a signed-in user creates an API key that works once shown, and revoking it stops it at once")
  void apiKeys() {
    io.showfloor.testing.Users.TestUser user = io.showfloor.testing.Users.create();
    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(user)) {
      Page page = visit.page;
      visit.go("/account");
      page.getByLabel("Name of the new key").fill("price-watcher bot");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
      String key = page.getByTestId("new-key").textContent();
      io.showfloor.testing.TestNode.api().with("X-API-Key", key).get("/api/me").expect(200);
      visit.screenshot("api-keys").assertAccessible();

      page.getByRole(
              AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke price-watcher bot"))
          .click();
      assertThat(page.getByText("No keys yet.")).isVisible();
      io.showfloor.testing.TestNode.api().with("X-API-Key", key).get("/api/me").expect(401);
      visit.assertNoConsoleErrors();
    }
  }
}
