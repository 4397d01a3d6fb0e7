package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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

@DisplayName("Buying in the browser")
class CheckoutBrowserTest {

  @Test
  @DisplayName(
      "a buyer adds a product to the cart, a declined sandbox card is explained, another card pays, and the order shows as paid")
  void cartToPaidOrder() {
    Users.TestUser seller = Users.create("seller");
    Users.TestUser buyer = Users.create();
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Vintage Walkman")
                    .put("category", "audio")
                    .put("description", "Works, new belt.")
                    .put("priceCents", 4_500)
                    .put("shippingCents", 500)
                    .put("quantity", 2)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");

    try (Visit visit = WebBrowser.open(Screen.PHONE).signIn(buyer)) {
      Page page = visit.page;
      visit.go("/products/" + productId);
      assertThat(page.locator(".product-price")).containsText("$45.00");
      visit.screenshot("product").assertAccessible();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
      assertThat(page.locator(".toast")).containsText("Added to your cart");

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cart").setExact(true))
          .click();
      assertThat(page.locator("[data-cart-item]")).containsText("Vintage Walkman");
      assertThat(page.getByTestId("cart-total")).hasText("$50.00");
      visit.screenshot("cart").assertAccessible();

      page.locator("#main")
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Check out"))
          .click();
      visit.fillShippingAddress("Dana Buyer", "9 Harbor Road", "Portland", "97201");
      page.getByLabel("Test card — payment is declined").check();
      visit.screenshot("checkout").assertAccessible();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(page.getByRole(AriaRole.ALERT)).containsText("declined");
      visit.screenshot("checkout-declined");

      page.getByLabel("Test Visa — payment succeeds").check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(page.getByText("Your order is confirmed")).isVisible();
      Locator order = page.locator(".order-list li").first();
      assertThat(order).containsText("Vintage Walkman");
      assertThat(order).containsText("Paid");
      visit.screenshot("orders").assertAccessible();

      visit.go("/account");
      assertThat(page.getByTestId("points")).not().hasText("0 points");
      visit.assertNoConsoleErrors();
    }
  }

  @Test
  @DisplayName(
      "a buyer with wallet cash pays part of a checkout from the wallet and the rest by card")
  void walletCashPaysFirst() {
    Users.TestUser seller = Users.create("seller");
    Users.TestUser buyer = Users.create();
    buyer
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", 2_000))
        .expect(201);
    long productId =
        seller
            .api()
            .post(
                "/api/products",
                new JsonObject()
                    .put("title", "Film camera")
                    .put("category", "photo")
                    .put("description", "Shutter tested.")
                    .put("priceCents", 4_500)
                    .put("shippingCents", 500)
                    .put("quantity", 1)
                    .put("imageUrls", new JsonArray()))
            .expect(201)
            .json()
            .getLong("id");
    io.showfloor.testing.Shop.add(buyer, productId, 1);

    try (Visit visit = WebBrowser.open(Screen.DESKTOP).signIn(buyer)) {
      Page page = visit.page;
      visit.go("/checkout");
      visit.fillShippingAddress("Dana Buyer", "9 Harbor Road", "Portland", "97201");
      assertThat(page.getByTestId("use-wallet")).containsText("$20.00");
      page.getByTestId("use-wallet").locator("input").check();
      visit.screenshot("checkout-wallet").assertAccessible();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay now")).click();
      assertThat(page.getByText("Your order is confirmed")).isVisible();
      visit.assertNoConsoleErrors();
    }
    // $20.00 came from the wallet, the card paid the other $30.00
    org.junit.jupiter.api.Assertions.assertEquals(
        0L, buyer.api().get("/api/wallet").expect(200).json().getLong("availableCents"));
  }
}
