package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Sales;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Buyer protection in the browser: the buyer's refund request, the seller's queue, the moderators' cases")
class ReturnRequestBrowserTest {
  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private record Sale(TestUser seller, TestUser buyer, long orderId) {}

  private static Sale delivered() {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    long orderId = Sales.buy(buyer, Sales.product(seller, 5_000, 0), 1);
    Sales.deliver(seller, orderId);
    return new Sale(seller, buyer, orderId);
  }

  private static void requestRefund(Visit visit, long orderId, String reason, String message) {
    Page page = visit.page;
    visit.go("/orders/" + orderId);
    Locator panel = page.getByTestId("return-request");
    panel
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Request a refund"))
        .click();
    Locator form =
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Request a refund"));
    form.getByLabel("What happened?").selectOption(reason);
    form.getByLabel("Tell the seller more").fill(message);
    form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send the request"))
        .click();
    assertThat(panel.locator("[data-request-status=open]")).containsText("Waiting for the seller");
  }

  @Test
  @DisplayName(
      "the buyer requests a refund on their order page, the seller refunds $20 of it from their queue, and the buyer sees it")
  void requestAndPartialAccept() {
    Sale s = delivered();
    try (Visit buyer = WebBrowser.open(Screen.PHONE).signIn(s.buyer());
        Visit seller = WebBrowser.open(Screen.DESKTOP).signIn(s.seller())) {
      requestRefund(
          buyer, s.orderId(), "damaged", "The box was crushed and the cup inside is chipped.");
      buyer.screenshot("return-request-open").assertAccessible();

      seller.go("/seller?tab=returns");
      Locator row =
          seller
              .page
              .locator("[data-request-id]")
              .filter(new Locator.FilterOptions().setHasText("#" + s.orderId()));
      assertThat(row).containsText("The box was crushed");
      row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept")).click();
      row.getByLabel("Refund (leave empty for everything left)").fill("20.00");
      row.getByLabel("Return label link (optional)")
          .fill("https://labels.example/r-" + s.orderId());
      seller.screenshot("seller-return-accept").assertAccessible();
      row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund the buyer"))
          .click();
      assertThat(seller.page.locator(".toast")).containsText("Refunded order #" + s.orderId());
      seller.assertNoConsoleErrors();

      buyer.go("/orders/" + s.orderId());
      Locator status =
          buyer.page.getByTestId("return-request").locator("[data-request-status=accepted]");
      assertThat(status).containsText("Accepted: refunded");
      assertThat(status).containsText("$20.00");
      assertThat(
              status.getByRole(
                  AriaRole.LINK, new Locator.GetByRoleOptions().setName("Return label")))
          .isVisible();
      buyer.screenshot("return-request-accepted").assertAccessible().assertNoConsoleErrors();
    }
    assertEquals(
        2_000,
        s.buyer()
            .api()
            .get("/api/orders/" + s.orderId())
            .expect(200)
            .json()
            .getLong("refundedCents"));
  }

  @Test
  @DisplayName(
      "the seller declines with a reason, the buyer asks Showfloor to decide, and a moderator refunds it from the queue")
  void declineEscalateRule() {
    Sale s = delivered();
    TestUser moderator = Users.create("moderator");
    try (Visit buyer = WebBrowser.open(Screen.PHONE).signIn(s.buyer());
        Visit seller = WebBrowser.open(Screen.DESKTOP).signIn(s.seller());
        Visit mod = WebBrowser.open(Screen.DESKTOP).signIn(moderator)) {
      requestRefund(buyer, s.orderId(), "not_as_described", "It is blue, the listing said green.");
      seller.go("/seller?tab=returns");
      Locator row =
          seller
              .page
              .locator("[data-request-id]")
              .filter(new Locator.FilterOptions().setHasText("#" + s.orderId()));
      row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Decline")).click();
      row.getByLabel("Why (the buyer reads this)").fill("The photos show the same colour.");
      row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Decline the request"))
          .click();
      assertThat(seller.page.locator(".toast")).containsText("Declined");

      buyer.go("/orders/" + s.orderId());
      Locator declined =
          buyer.page.getByTestId("return-request").locator("[data-request-status=declined]");
      assertThat(declined).containsText("The photos show the same colour.");
      declined
          .getByRole(
              AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Ask Showfloor to decide"))
          .click();
      assertThat(
              buyer.page.getByTestId("return-request").locator("[data-request-status=escalated]"))
          .containsText("moderators");

      mod.go("/admin?tab=reports");
      mod.page.getByLabel("Kind").selectOption("return_request");
      Locator item =
          mod.page
              .locator("[data-target-type=return_request]")
              .filter(new Locator.FilterOptions().setHasText("#" + s.orderId()));
      assertThat(item).containsText("It is blue");
      assertThat(item.getByTestId("evidence")).containsText("1Z" + s.orderId());
      mod.screenshot("moderation-return-case").assertAccessible();
      item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Refund the buyer"))
          .click();
      assertThat(mod.page.locator(".toast")).containsText("Refunded");
      mod.assertNoConsoleErrors();
    }
    JsonObject order = s.buyer().api().get("/api/orders/" + s.orderId()).expect(200).json();
    assertEquals("refunded", order.getString("status"));
  }

  @Test
  @DisplayName("a card dispute shows in the moderators' queue with the evidence to submit")
  void disputeEvidence() {
    Sale s = delivered();
    long checkoutId =
        s.buyer().api().get("/api/orders/" + s.orderId()).expect(200).json().getLong("checkoutId");
    // the webhook path is DisputeTest's; here only what a moderator sees of one
    TestNode.get()
        .platform()
        .db()
        .query(
            """
        INSERT INTO payment_disputes (provider, provider_dispute_id, subject_kind, subject_id, amount_cents, reason, evidence_due_by)
        VALUES ('sandbox', $1, 'checkout', $2, 5000, 'product_not_received', now() + interval '7 days')""",
            Tuple.of("dp_browser_" + s.orderId(), checkoutId))
        .await();
    try (Visit mod = WebBrowser.open(Screen.DESKTOP).signIn(Users.create("moderator"))) {
      mod.go("/admin?tab=reports");
      mod.page.getByLabel("Kind").selectOption("payment_dispute");
      Locator item =
          mod.page
              .locator("[data-target-type=payment_dispute]")
              .filter(new Locator.FilterOptions().setHasText("dp_browser_" + s.orderId()));
      assertThat(item).containsText("$50.00 disputed (product not received)");
      assertThat(item.getByTestId("evidence")).containsText("confirmed by the buyer");
      assertThat(item.getByTestId("evidence")).containsText("1Z" + s.orderId());
      mod.screenshot("moderation-dispute-case").assertAccessible().assertNoConsoleErrors();
    }
  }
}
