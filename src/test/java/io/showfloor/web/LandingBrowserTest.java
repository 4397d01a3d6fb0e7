package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The front door: a landing page for visitors, a first-run guide for newcomers")
class LandingBrowserTest {
  @RegisterExtension final ShowsOnAir onAir = new ShowsOnAir();

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "a signed-out visitor sees what Showfloor is, who is live, what is coming, the market's movers and a sign-up")
  void signedOut(Screen screen) {
    Users.TestUser host = Users.create("creator");
    long show = onAir.start(host, "Landing page live break");
    try (Visit visit = WebBrowser.open(screen)) {
      Page page = visit.page;
      visit.go("/");
      assertThat(page.locator("main h1")).hasText("Shop live. Bid in seconds. Trade the grails.");
      assertThat(page.getByText("Showfloor is live shopping")).isVisible();
      assertThat(page.locator("[data-show-id='" + show + "']").first()).isVisible();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Coming up")))
          .isVisible();
      assertThat(
              page.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Top movers on the market")))
          .isVisible();
      visit.screenshot("landing");
      page.getByTestId("landing-signup").click();
      page.waitForURL("**/signup");
      assertThat(page.locator("main h1")).isVisible();
      visit.assertNoConsoleErrors();
    }
    try (Visit visit = WebBrowser.open(screen)) {
      visit.go("/");
      visit.assertAccessible();
    }
  }

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "a new user gets three first steps on discover; watching a live show ticks one; dismissed, it stays away")
  void firstRunGuide(Screen screen) {
    Users.TestUser host = Users.create("creator");
    long show = onAir.start(host, "First run live show");
    Users.TestUser newcomer = Users.create();
    try (Visit visit = WebBrowser.open(screen).signIn(newcomer)) {
      Page page = visit.page;
      visit.go("/");
      assertThat(page.locator("main h1")).hasText("Live now on Showfloor");
      assertThat(page.getByTestId("first-run")).isVisible();
      assertThat(page.getByTestId("first-run")).containsText("0 of 3");
      visit.screenshot("first-run-guide");
      visit.go("/shows/" + show);
      assertThat(page.locator("main h1").first()).containsText("First run live show");
      visit.go("/");
      assertThat(page.getByTestId("first-run")).containsText("1 of 3");
      assertThat(page.locator(".first-run-steps li[data-done='true']"))
          .hasText(java.util.regex.Pattern.compile("Watch a live show.*"));
      page.getByTestId("first-run")
          .getByRole(
              AriaRole.BUTTON,
              new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Dismiss"))
          .click();
      assertThat(page.getByTestId("first-run")).hasCount(0);
      page.reload();
      assertThat(page.locator("main h1")).hasText("Live now on Showfloor");
      assertThat(page.getByTestId("first-run")).hasCount(0);
      visit.assertNoConsoleErrors();
    }
  }
}
