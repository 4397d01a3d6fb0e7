package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The developer docs at /docs")
class DocsBrowserTest {

  @Test
  @DisplayName("/docs is an app page and the AsyncAPI document is served beside it")
  void served() {
    Assumptions.assumeFalse(Boolean.getBoolean("skip.web"), "web app not built (-Dskip.web=true)");
    var page = TestNode.api().get("/docs").expect(200);
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    var asyncApi = TestNode.api().get("/docs/asyncapi.yaml").expect(200);
    assertEquals("application/yaml", asyncApi.header("Content-Type"));
    assertTrue(asyncApi.body().startsWith("asyncapi: 3.0.0"), asyncApi.body());
  }

  @Test
  @DisplayName(
      "the reference draws the served contract's operations under the CSP, and links the guide and the AsyncAPI")
  void referenceRendersOperations() {
    try (Visit visit = WebBrowser.open(Screen.DESKTOP)) {
      Page page = visit.page;
      visit.go("/docs");
      // Swagger UI is a large chunk of its own: parsing it on a loaded CI machine takes seconds
      Locator reference = page.getByTestId("api-reference");
      Locator marketTag = reference.locator("#operations-tag-market");
      try {
        assertThat(marketTag)
            .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
      } catch (AssertionError e) {
        String drawn = reference.innerHTML();
        throw new AssertionError(
            "no tag drawn; console: "
                + visit.consoleErrors()
                + "; reference: "
                + drawn.substring(0, Math.min(3_000, drawn.length())),
            e);
      }
      assertThat(reference).containsText("Showfloor API");
      // every tag of the contract is listed, the last ones too
      assertThat(reference.locator("#operations-tag-accounts")).isVisible();
      assertThat(reference.locator(".opblock-tag")).not().hasCount(0);
      // opening a tag draws all its operations, those late in the contract included (Swagger UI
      // virtualizes long lists: with every tag open only the first few operations were drawn)
      marketTag.click();
      assertThat(reference.locator("[data-path='/api/traders/{id}/pnl']")).isVisible();
      assertThat(reference.locator("[data-path='/api/market/fill-notices']").first()).isVisible();
      reference.locator("#operations-tag-accounts").click();
      assertThat(reference.locator("[data-path='/api/auth/signup']")).isVisible();
      assertThat(reference.locator("[data-path='/api/me/api-keys/{id}/rotate']")).isVisible();
      assertThat(
              page.getByRole(
                  AriaRole.LINK, new Page.GetByRoleOptions().setName("AsyncAPI").setExact(false)))
          .hasAttribute("href", "/docs/asyncapi.yaml");
      visit.screenshot("docs");
      page.getByRole(
              AriaRole.LINK,
              new Page.GetByRoleOptions().setName("Your first trading bot in ten minutes"))
          .click();
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
          .hasText("Your first trading bot in ten minutes");
      assertThat(page.locator("pre").first()).containsText("--demo");
      visit.screenshot("first-bot").assertAccessible();
      visit.assertNoConsoleErrors();
    }
  }
}
