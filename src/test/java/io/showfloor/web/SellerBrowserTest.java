package io.showfloor.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.showfloor.testing.Users;
import io.showfloor.testing.Visit;
import io.showfloor.testing.WebBrowser;
import io.showfloor.testing.WebBrowser.Screen;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The seller dashboard in the browser")
class SellerBrowserTest {

  @Test
  @DisplayName(
      "a seller imports a CSV file and reads the per-row report, ships a paid order with a tracking number the buyer sees and confirms with \"I received it\", and finds the sale in the sales chart")
  void importAndShip() {
    Users.TestUser seller = Users.create("seller");
    Users.TestUser buyer = Users.create();
    String sku = "WEB-" + System.nanoTime() % 1_000_000;
    String csv =
        "sku,title,category,quantity,price\n"
            + sku
            + "-1,Rookie card,trading-cards,3,24.00\n"
            + sku
            + "-2,Signed ball,memorabilia,1,120.50\n"
            + sku
            + "-3,,memorabilia,1,5.00\n";

    try (Visit sellerVisit = WebBrowser.open(Screen.DESKTOP).signIn(seller)) {
      Page s = sellerVisit.page;
      sellerVisit.go("/seller?tab=import");
      s.getByLabel("CSV file", new Page.GetByLabelOptions().setExact(true))
          .setInputFiles(
              new FilePayload("products.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
      s.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
      Locator report = s.getByTestId("import-report");
      assertThat(report).containsText("3 rows: 2 created, 0 updated, 1 refused");
      assertThat(report.locator("tr.refused")).containsText("4");
      sellerVisit.screenshot("seller-import").assertAccessible();

      s.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Inventory")).click();
      assertThat(s.getByTestId("inventory")).containsText("Rookie card");
      assertThat(s.getByTestId("inventory")).containsText("$120.50");
      sellerVisit.screenshot("seller-inventory").assertAccessible();

      // a buyer buys the card through the API; the seller sees a paid order to ship
      long productId =
          Long.parseLong(
              s.locator("tr", new Page.LocatorOptions().setHasText("Rookie card"))
                  .getAttribute("data-product-id"));
      buyer
          .api()
          .post("/api/cart/items", new JsonObject().put("productId", productId).put("quantity", 1))
          .expect(201);
      long orderId =
          buyer
              .api()
              .post(
                  "/api/checkout",
                  new JsonObject()
                      .put("paymentMethodId", "pm_card_visa")
                      .put(
                          "shippingAddress",
                          new JsonObject()
                              .put("name", "Casey Buyer")
                              .put("line1", "2 Elm Street")
                              .put("city", "Springfield")
                              .put("postalCode", "12345")
                              .put("country", "US")))
              .expect(201)
              .json()
              .getJsonArray("orders")
              .getJsonObject(0)
              .getLong("id");

      s.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Orders to ship")).click();
      Locator order = s.locator("[data-order-id='" + orderId + "']");
      assertThat(order).containsText("Rookie card");
      assertThat(order).containsText("Casey Buyer");
      order
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark shipped"))
          .click();
      order.getByLabel("Carrier").fill("UPS");
      order.getByLabel("Tracking number").fill("1Z999AA10123456784");
      sellerVisit.screenshot("seller-ship").assertAccessible();
      order.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
      assertThat(s.locator(".toast")).containsText("marked shipped");
      assertThat(order).hasCount(0);

      s.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Sales")).click();
      assertThat(s.getByTestId("sales-orders")).hasText("1");
      assertThat(s.getByTestId("sales-gross")).hasText("$24.00");
      sellerVisit.screenshot("seller-sales").assertAccessible();
      sellerVisit.assertNoConsoleErrors();
    }

    try (Visit buyerVisit = WebBrowser.open(Screen.PHONE).signIn(buyer)) {
      Page b = buyerVisit.page;
      buyerVisit.go("/orders");
      b.locator(".order-list a").first().click();
      assertThat(b.getByTestId("tracking")).containsText("1Z999AA10123456784");
      assertThat(b.locator("#main")).containsText("Shipped");
      assertThat(b.getByTestId("confirm-delivery")).containsText("we'll count it as delivered on");
      buyerVisit.screenshot("order-shipped").assertAccessible().assertNoConsoleErrors();

      // only the buyer confirms delivery (the seller's payout hold starts then)
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I received it")).click();
      assertThat(b.locator("#main")).containsText("Delivered");
      assertThat(b.getByTestId("delivered")).isVisible();
      assertThat(b.getByTestId("confirm-delivery")).hasCount(0);
      buyerVisit.screenshot("order-delivered").assertAccessible().assertNoConsoleErrors();
    }
    JsonObject told =
        seller.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(n -> "order_delivered".equals(n.getString("kind")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the seller was not told of the delivery"))
            .getJsonObject("payload");
    assertEquals("buyer", told.getString("confirmedBy"));
  }
}
