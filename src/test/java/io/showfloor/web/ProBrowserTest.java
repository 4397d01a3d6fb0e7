package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Pro page in the browser")
class ProBrowserTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a Free user compares the plans, subscribes on the sandbox, sees Pro renewing, cancels and resumes")
  void subscribeOnTheSandbox() {
    Users.TestUser user = Users.create();
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(user)) {
      Page p = visit.page;
      visit.go("/pro");
      assertThat(p.locator("[data-plan=free]")).containsText("30 API-key calls a minute");
      assertThat(p.locator("[data-plan=pro]")).containsText("$15.00 every 30 days");
      assertThat(p.locator("[data-plan=pro]")).containsText("Market data export");
      assertThat(p.getByTestId("plan-state")).hasText("You are on Free.");
      visit.screenshot("pro-free").assertAccessible();

      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subscribe to Pro")).click();
      assertThat(p.locator(".toast")).containsText("Welcome to Pro");
      assertThat(p.getByTestId("plan-state")).containsText("Pro is active; it renews on");
      assertThat(p.locator("[data-plan=pro]")).containsText("your plan");

      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel Pro")).click();
      assertThat(p.getByTestId("plan-state")).containsText("it ends on");
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume Pro")).click();
      assertThat(p.getByTestId("plan-state")).containsText("it renews on");
      visit.screenshot("pro-subscribed").assertAccessible().assertNoConsoleErrors();
    }
  }
}
