package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Withdrawals in the browser")
class WalletBrowserTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "a user sees settled and settling cash, withdraws part of it, is refused above the withdrawable amount, and the history says paid (sandbox)")
  void withdrawFromWallet() {
    Users.TestUser user = Users.create();
    user.api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 12_000))
        .expect(201);
    TestNode.get()
        .platform()
        .db()
        .query(
            "UPDATE wallet_deposits SET completed_at = completed_at - interval '73 hours' WHERE user_id = $1",
            Tuple.of(user.id()))
        .await();
    user.api().post("/api/wallet/deposits", new JsonObject().put("amountCents", 3_000)).expect(201);

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(user)) {
      Page p = visit.page;
      visit.go("/wallet");
      assertThat(p.getByTestId("wallet-cash")).hasText("$150.00");
      assertThat(p.getByTestId("withdrawable")).hasText("$120.00");
      assertThat(p.locator("#main")).containsText("$30.00 is still settling");
      assertThat(p.locator("#main")).containsText("no real money moves");
      p.getByLabel("Amount in dollars").fill("130");
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw")).click();
      assertThat(p.locator("#main")).containsText("You can withdraw up to $120.00 now");
      assertEquals(15_000, LedgerCheck.balance("user:" + user.id() + ":cash"));

      p.getByLabel("Amount in dollars").fill("45.50");
      visit.screenshot("wallet-withdraw").assertAccessible();
      p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Withdraw")).click();
      assertThat(p.locator(".toast")).containsText("Withdrawal of $45.50 sent");
      assertThat(p.getByTestId("withdrawable")).hasText("$74.50");
      assertThat(p.getByTestId("wallet-cash")).hasText("$104.50");
      Locator row = p.locator("[data-withdrawal-id]").first();
      assertThat(row).containsText("$45.50");
      assertThat(row).containsText("paid");
      assertThat(row).containsText("sandbox, no real money");
      visit.screenshot("wallet-history").assertAccessible().assertNoConsoleErrors();
    }
    assertEquals(10_450, LedgerCheck.balance("user:" + user.id() + ":cash"));
  }
}
