package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A large CSV import in the browser")
class ImportProgressBrowserTest {
  private static final int ROWS = 20_000;

  @Test
  @DisplayName(
      "a seller's 20,000-row file imports in the background behind a progress bar that counts the rows, then the per-row report shows every row")
  void progressThenReport() {
    Users.TestUser seller = Users.create("seller");
    String sku = "BULK-" + System.nanoTime() % 1_000_000 + "-";
    StringBuilder csv = new StringBuilder("sku,title,category,quantity,price\n");
    for (int i = 1; i <= ROWS; i++) {
      csv.append(sku).append(i).append(",Bulk card ").append(i).append(",trading-cards,1,2.50\n");
    }
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(seller)) {
      Page page = visit.page;
      visit.go("/seller?tab=import");
      page.getByLabel("CSV file", new Page.GetByLabelOptions().setExact(true))
          .setInputFiles(
              new FilePayload(
                  "bulk.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
      assertThat(page.getByTestId("import-progress")).containsText("of 20,000 rows");
      assertThat(page.locator("progress#import-bar")).hasAttribute("max", String.valueOf(ROWS));
      assertThat(page.getByTestId("import-report"))
          .containsText(
              ROWS + " rows: " + ROWS + " created, 0 updated, 0 refused",
              new LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
      assertThat(page.getByTestId("import-progress")).isHidden();
      assertThat(page.getByTestId("import-report")).containsText("Showing 200 of 20,000 rows");
      visit.screenshot("seller-import-done").assertAccessible();
    }
  }
}
