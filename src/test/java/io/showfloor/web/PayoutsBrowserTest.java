package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Payouts and analytics in the browser")
class PayoutsBrowserTest {

  private static String dollars(long cents) {
    return NumberFormat.getCurrencyInstance(Locale.US).format(cents / 100.0);
  }

  @Test
  @DisplayName(
      "a seller sees delivered sales as available money and in the sales chart, requests a payout, an admin approves it in the console with the platform's charts, and the seller's history says paid")
  void requestApprovePaid() {
    Users.TestUser seller = Users.create("seller");
    Users.TestUser admin = Users.create("admin");
    long first = Sales.sold(seller, 4_000, 1, 500);
    long second = Sales.sold(seller, 2_500, 2, 0);
    Sales.clear(seller, first);
    Sales.clear(seller, second);
    long available = Sales.sellerNet(4_000, 1, 500) + Sales.sellerNet(2_500, 2, 0);

    try (Visit sellerVisit = WebBrowser.open(Screen.PHONE).signIn(seller)) {
      Page s = sellerVisit.page;
      sellerVisit.go("/seller?tab=sales");
      assertThat(s.getByTestId("sales-orders")).hasText("2");
      assertThat(s.getByTestId("sales-gross")).hasText("$95.00");
      Locator chart = s.getByTestId("sales-chart");
      chart.getByText("Show the numbers").click();
      assertThat(chart.locator("tfoot")).containsText("$95.00");
      sellerVisit.screenshot("seller-analytics").assertAccessible();

      s.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Payouts")).click();
      assertThat(s.getByTestId("payout-available")).hasText(dollars(available));
      assertThat(s.locator("#main")).containsText("no real money moves");
      s.getByLabel("Amount in dollars").fill("50");
      sellerVisit.screenshot("seller-payouts").assertAccessible();
      s.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Request payout")).click();
      assertThat(s.locator(".toast")).containsText("Payout of $50.00 requested");
      assertThat(s.getByTestId("payout-available")).hasText(dollars(available - 5_000));
      Locator row = s.locator("[data-payout-id]").first();
      assertThat(row).containsText("$50.00");
      assertThat(row).containsText("waiting for approval");
      String payoutId = row.getAttribute("data-payout-id");

      try (Visit adminVisit = WebBrowser.open(Screen.DESKTOP).signIn(admin)) {
        Page a = adminVisit.page;
        adminVisit.go("/admin?tab=payouts");
        Locator request = a.locator("[data-payout-id='" + payoutId + "']");
        assertThat(request).containsText("user #" + seller.id());
        adminVisit.screenshot("admin-payouts").assertAccessible();
        request
            .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve $50.00"))
            .click();
        assertThat(a.locator(".toast")).containsText("Paid $50.00");
        assertThat(request).hasCount(0);

        a.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Analytics")).click();
        assertThat(a.getByTestId("gmv-chart")).isVisible();
        assertThat(a.getByTestId("analytics-orders")).not().hasText("0");
        adminVisit.screenshot("admin-analytics").assertAccessible().assertNoConsoleErrors();
      }

      sellerVisit.go("/seller?tab=payouts");
      assertThat(s.locator("[data-payout-id='" + payoutId + "']")).containsText("paid");
      sellerVisit.assertNoConsoleErrors();
    }
  }
}
