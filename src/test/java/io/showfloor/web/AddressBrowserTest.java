package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

@DisplayName("The address book in the browser")
class AddressBrowserTest {
  private static void fill(
      Page page, String name, String street, String city, String postalCode, String country) {
    Locator form =
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add an address"));
    form.getByLabel("Full name").fill(name);
    form.getByLabel("Street address").fill(street);
    form.getByLabel("City").fill(city);
    form.getByLabel("Postal code").fill(postalCode);
    form.getByLabel("Country code").fill(country);
    form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save the address"))
        .click();
  }

  @Test
  @DisplayName(
      "a user saves a US address (the default), is told plainly when a British postal code is wrong, saves a second and makes it the default")
  void addressBook() {
    Users.TestUser user = Users.create();
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(user)) {
      Page page = visit.page;
      visit.go("/account");
      Locator section = page.locator("#addresses");
      assertThat(section).containsText("No address yet");
      fill(page, "Ada Home", "1 Market Street", "San Francisco", "94107", "US");
      assertThat(section.locator("[data-address-id]")).hasCount(1);
      assertThat(section).containsText("default");

      fill(page, "Ada London", "10 Downing Street", "London", "12345", "GB");
      assertThat(section.locator(".field-error, .note-error, [role=alert]").first())
          .containsText("not a postal code in GB");
      assertThat(section.locator("[data-address-id]")).hasCount(1);
      visit.screenshot("account-address-invalid").assertAccessible();

      page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Add an address"))
          .getByLabel("Postal code")
          .fill("sw1a2aa");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the address"))
          .click();
      assertThat(section.locator("[data-address-id]")).hasCount(2);
      assertThat(section).containsText("SW1A 2AA");
      section
          .getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Make default: Ada London, 10 Downing Street"))
          .click();
      assertThat(
              section.getByRole(
                  AriaRole.BUTTON,
                  new Locator.GetByRoleOptions()
                      .setName("Make default: Ada Home, 1 Market Street")))
          .isVisible();
      visit.screenshot("account-addresses").assertAccessible().assertNoConsoleErrors();
    }
    JsonArray book = user.api().get("/api/me/addresses").expect(200).json().getJsonArray("items");
    JsonObject first = book.getJsonObject(0);
    assertEquals("GB", first.getString("country"));
    assertEquals(true, first.getBoolean("isDefault"));
  }
}
