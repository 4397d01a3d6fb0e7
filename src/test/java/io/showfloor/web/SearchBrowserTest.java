package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.showfloor.testing.Products;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Search in the browser: suggestions as you type, results with filters and sorts")
class SearchBrowserTest {

  @ParameterizedTest(name = "on a {0}")
  @EnumSource(Screen.class)
  @DisplayName(
      "a misspelt word suggests the product; Enter lists results, which a price filter and a sort narrow and order")
  void searchWithTypos(Screen screen) {
    Users.TestUser seller = Users.create("seller");
    String word = "Gyarados" + seller.id();
    long cheap =
        Products.create(
                seller,
                new JsonObject().put("title", "Shiny " + word + " card").put("priceCents", 1_500))
            .getLong("id");
    long dear =
        Products.create(
                seller,
                new JsonObject().put("title", word + " holo card graded").put("priceCents", 40_000))
            .getLong("id");
    Users.TestUser viewer = Users.create();
    // a typo: one letter missing
    String typo = word.replace("rados", "rdos");
    try (Visit visit = WebBrowser.open(screen).signIn(viewer)) {
      Page page = visit.page;
      visit.go("/");
      page.getByRole(
              com.microsoft.playwright.options.AriaRole.COMBOBOX,
              new Page.GetByRoleOptions().setName("Search products, shows, sellers and the market"))
          .fill(typo);
      Locator suggestion =
          page.locator(
                  "#search-suggestions li[data-kind='product']",
                  new Page.LocatorOptions().setHasText(word))
              .first();
      assertThat(suggestion).isVisible();
      visit.screenshot("search-suggestions");
      page.keyboard().press("Enter");
      page.waitForURL(Pattern.compile(".*/search\\?q=.*"));
      assertThat(page.locator("main h1")).containsText("Results for");
      assertThat(page.locator(".search-results [data-id='" + cheap + "']")).isVisible();
      assertThat(page.locator(".search-results [data-id='" + dear + "']")).isVisible();
      visit.screenshot("search-results");

      page.getByLabel("Sort").selectOption("price_desc");
      assertThat(page.locator(".search-results a").first())
          .hasAttribute("data-id", String.valueOf(dear));
      page.getByLabel("Max $").fill("100");
      page.getByRole(
              com.microsoft.playwright.options.AriaRole.BUTTON,
              new Page.GetByRoleOptions().setName("Apply"))
          .click();
      assertThat(page.locator(".search-results [data-id='" + dear + "']")).hasCount(0);
      assertThat(page.locator(".search-results [data-id='" + cheap + "']")).isVisible();
      visit.screenshot("search-filtered");
      visit.assertAccessible().assertNoConsoleErrors();
    }
  }
}
