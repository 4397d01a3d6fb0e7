package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.showfloor.testing.FakeStripeJs;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Card entry with Stripe Elements")
@ExtendWith(StripeNode.PerClass.class)
class StripeElementsBrowserTest {

  private static long productInCart(Users.TestUser buyer, String title, long priceCents) {
    Users.TestUser seller = Users.create("seller");
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", title)
                    .put("category", "audio")
                    .put("priceCents", priceCents)
                    .put("quantity", 3)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", productId).put("quantity", 1))
        .expect(201);
    return productId;
  }

  @Test
  @DisplayName(
      "with no Stripe key the checkout and saved cards use the sandbox, say so, and never ask js.stripe.com for anything")
  void sandboxWithoutStripe() {
    Users.TestUser buyer = Users.create();
    productInCart(buyer, "Cassette deck", 2_500);
    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(buyer)) {
      FakeStripeJs stripeJs = FakeStripeJs.serve(visit);
      Page page = visit.page;
      visit.go("/checkout");
      assertThat(page.locator("fieldset.sandbox legend")).hasText("Payment — sandbox");
      assertThat(page.locator("fieldset.sandbox")).containsText("no real money moves");
      assertThat(page.getByLabel("Test Visa — payment succeeds")).isChecked();
      assertThat(page.getByTestId("card-entry")).hasCount(0);
      visit.go("/account");
      assertThat(page.locator("#main .sandbox")).containsText("sandbox payment provider");
      assertThat(
              page.getByRole(
                  AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the test card")))
          .isVisible();
      assertEquals(
          java.util.List.of(), stripeJs.requested(), "a sandbox node's pages load no Stripe.js");
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "on a Stripe node the checkout loads Stripe.js with the node's publishable key; a declined card is explained, a good card pays through the node's Stripe API, and a card is saved the same way")
  void stripeCheckoutAndSavedCard() {
    StripeFake stripe = StripeNode.fake();
    Users.TestUser buyer = Users.create();
    productInCart(buyer, "Reel-to-reel tape", 8_000);
    try (Visit visit =
        WebBrowser.openOn(StripeNode.api(null).base(), Screen.DESKTOP).signIn(buyer)) {
      FakeStripeJs stripeJs = FakeStripeJs.serve(visit);
      Page page = visit.page;
      visit.go("/checkout");
      visit.fillShippingAddress("Dana Buyer", "9 Harbor Road", "Portland", "97201");
      // the card field is Stripe's (here the local fake of Stripe.js), inside a labelled group
      assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Card")))
          .isVisible();
      assertTrue(
          stripeJs.requested().stream().anyMatch(url -> url.startsWith("https://js.stripe.com/")),
          "Stripe.js is requested");
      assertEquals(StripeFake.PUBLISHABLE_KEY, page.evaluate("window.__fakeStripeKey"));
      assertThat(page.locator("fieldset.sandbox")).hasCount(0);
      visit.screenshot("checkout-stripe").assertAccessible();

      Page.GetByRoleOptions pay = new Page.GetByRoleOptions().setName("Pay now");
      page.getByLabel("Card number", new Page.GetByLabelOptions().setExact(true)).fill("4242 4242");
      page.getByRole(AriaRole.BUTTON, pay).click();
      assertThat(
              page.getByRole(AriaRole.ALERT)
                  .filter(
                      new com.microsoft.playwright.Locator.FilterOptions()
                          .setHasText("incomplete")))
          .isVisible();

      page.getByLabel("Card number", new Page.GetByLabelOptions().setExact(true))
          .fill("4000 0000 0000 0002");
      page.getByRole(AriaRole.BUTTON, pay).click();
      assertThat(
              page.getByRole(AriaRole.ALERT)
                  .filter(
                      new com.microsoft.playwright.Locator.FilterOptions().setHasText("declined")))
          .isVisible();

      page.getByLabel("Card number", new Page.GetByLabelOptions().setExact(true))
          .fill("4242 4242 4242 4242");
      page.getByRole(AriaRole.BUTTON, pay).click();
      assertThat(page.getByText("Your order is confirmed")).isVisible();
      assertThat(page.locator(".order-list li").first()).containsText("Paid");
      assertTrue(
          stripe.calls().stream()
              .anyMatch(
                  call ->
                      call.method().equals("POST")
                          && call.path().equals("/v1/payment_intents")
                          && "pm_card_visa".equals(call.params().get("payment_method"))
                          && "8000".equals(call.params().get("amount"))),
          "the node charged the card Stripe.js tokenised: " + stripe.calls());

      visit.go("/account");
      page.getByLabel("Card number", new Page.GetByLabelOptions().setExact(true))
          .fill("4242 4242 4242 4242");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save card")).click();
      assertThat(page.locator("[data-card-id]").first()).containsText("Visa •••• 4242");
      assertThat(page.locator("[data-card-id]").first()).containsText("ready");
      assertTrue(
          stripe.calls().stream()
              .anyMatch(
                  call ->
                      call.path().equals("/v1/setup_intents")
                          && "pm_card_visa".equals(call.params().get("payment_method"))),
          "the card was set up with Stripe");
      visit.screenshot("account-stripe-card").assertAccessible().assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a card that needs 3-D Secure: Stripe.js shows the bank's challenge, the buyer passes it, Stripe's webhook pays the order and the buyer sees it paid")
  void threeDSecure() {
    StripeFake stripe = StripeNode.fake();
    Users.TestUser buyer = Users.create();
    productInCart(buyer, "Wire recorder", 6_500);
    try (Visit visit = WebBrowser.openOn(StripeNode.api(null).base(), Screen.PHONE).signIn(buyer)) {
      FakeStripeJs.serve(visit)
          .onNextAction(
              clientSecret -> {
                String intent = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
                stripe.confirmInBrowser(intent);
                String payload =
                    stripe.event("payment_intent.succeeded", stripe.intent(intent)).encode();
                StripeNode.api(null)
                    .with("Stripe-Signature", StripeFake.signature(payload))
                    .send("POST", "/api/webhooks/stripe", payload, "application/json")
                    .expect(200);
                return true;
              });
      Page page = visit.page;
      visit.go("/checkout");
      visit.fillShippingAddress("Dana Buyer", "9 Harbor Road", "Portland", "97201");
      page.getByLabel("Card number", new Page.GetByLabelOptions().setExact(true))
          .fill("4000 0027 6000 3184");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(page.locator(".toast")).containsText("Payment confirmed by your bank");
      assertThat(page.getByText("Your order is confirmed")).isVisible();
      visit.go("/orders");
      assertThat(page.locator(".order-list li").first()).containsText("Wire recorder");
      assertThat(page.locator(".order-list li").first()).containsText("Paid");
      assertTrue(
          stripe.calls().stream()
              .anyMatch(
                  call ->
                      call.path().equals("/v1/payment_intents")
                          && "pm_card_authenticationRequired"
                              .equals(call.params().get("payment_method"))),
          "the node asked Stripe to charge that card");
      visit.assertNoConsoleErrors();
    }
  }
}
