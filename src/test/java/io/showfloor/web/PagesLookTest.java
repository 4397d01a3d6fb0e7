package io.showfloor.web;

import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every page at a 360 px phone and a desktop width: drawn without console errors, no axe-core
 * violations, and a screenshot under target/screenshots for people to look at.
 */
@DisplayName("Every page is accessible and error-free on phones and desktops")
class PagesLookTest {

  private static void check(Screen screen, String name, String path, Consumer<Visit> prepare) {
    try (Visit visit = WebBrowser.open(screen)) {
      prepare.accept(visit);
      visit.go(path);
      visit.page.waitForLoadState();
      visit.page.locator(".loading").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
          .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED).setTimeout(5_000));
      visit.assertAccessible().screenshot(name).assertNoConsoleErrors();
    }
  }

  private static void check(Screen screen, String name, String path) {
    check(screen, name, path, v -> { });
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("discover, with live and upcoming shows")
  void discover(Screen screen) {
    check(screen, "discover", "/");
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("sign up, log in, forgotten and new password, verify")
  void accountForms(Screen screen) {
    check(screen, "signup", "/signup");
    check(screen, "login", "/login");
    check(screen, "forgot-password", "/forgot-password");
    check(screen, "reset-password", "/reset-password?token=from-the-mail");
    check(screen, "verify-without-token", "/verify");
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the account page of a signed-in viewer")
  void account(Screen screen) {
    Users.TestUser viewer = Users.create();
    check(screen, "account", "/account", visit -> visit.signIn(viewer));
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("an address that is no page")
  void notFound(Screen screen) {
    check(screen, "not-found", "/no/such/page");
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName("the admin console's user list")
  void adminUsers(Screen screen) {
    Users.TestUser admin = Users.create("admin");
    check(screen, "admin-users", "/admin?tab=users", visit -> visit.signIn(admin));
  }
}
