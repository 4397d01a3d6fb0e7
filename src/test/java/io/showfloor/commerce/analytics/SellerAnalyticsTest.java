package io.showfloor.commerce.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Seller analytics: exact sums of the seller's own sales and refunds, every bucket present")
class SellerAnalyticsTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject analytics(TestUser seller, String query) {
    return seller.api().get("/api/sellers/me/analytics?" + query).expect(200).json();
  }

  @Test
  @DisplayName(
      "two sales and a refund today show as gross, orders, units, refunds, average order value and top products")
  void dailySums() {
    TestUser seller = Users.create("seller");
    long cards = Sales.product(seller, 1_500, 0);
    long boots = Sales.product(seller, 2_500, 300);
    Sales.buy(Users.create(), cards, 2); // gross 3,000, 2 units
    long bootsOrder = Sales.buy(Users.create(), boots, 1); // gross 2,500 + 300 shipping, 1 unit
    seller
        .api()
        .post("/api/orders/" + bootsOrder + "/refund", new JsonObject().put("amountCents", 1_000))
        .expect(201);
    Sales.sold(Users.create("seller"), 9_900, 1, 0); // another seller's sale stays out

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonObject body =
        analytics(
            seller, "from=" + today.minusDays(6) + "&to=" + today.plusDays(1) + "&bucket=day");
    assertEquals("day", body.getString("bucket"));
    assertEquals(seller.id(), body.getLong("sellerId"));
    JsonArray buckets = body.getJsonArray("buckets");
    assertEquals(7, buckets.size(), "one bucket per day, empty days included");
    for (int i = 0; i < 6; i++) {
      JsonObject empty = buckets.getJsonObject(i);
      assertEquals(
          today.minusDays(6 - i).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
          empty.getString("start"));
      assertEquals(0, empty.getLong("grossSalesCents"));
      assertEquals(0, empty.getLong("orders"));
      assertEquals(0, empty.getLong("averageOrderValueCents"));
    }
    JsonObject day = buckets.getJsonObject(6);
    assertEquals(today.atStartOfDay(ZoneOffset.UTC).toInstant().toString(), day.getString("start"));
    assertEquals(
        today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
        day.getString("end"));
    assertEquals(5_800, day.getLong("grossSalesCents"));
    assertEquals(2, day.getLong("orders"));
    assertEquals(3, day.getLong("units"));
    assertEquals(1_000, day.getLong("refundsCents"));
    assertEquals(2_900, day.getLong("averageOrderValueCents"));
    JsonObject totals = body.getJsonObject("totals");
    assertEquals(5_800, totals.getLong("grossSalesCents"));
    assertEquals(2, totals.getLong("orders"));
    assertEquals(3, totals.getLong("units"));
    assertEquals(1_000, totals.getLong("refundsCents"));
    assertEquals(2_900, totals.getLong("averageOrderValueCents"));

    JsonArray top = body.getJsonArray("topProducts");
    assertEquals(2, top.size());
    assertEquals(cards, top.getJsonObject(0).getLong("productId"));
    assertEquals(3_000, top.getJsonObject(0).getLong("grossSalesCents"));
    assertEquals(2, top.getJsonObject(0).getLong("units"));
    assertEquals(boots, top.getJsonObject(1).getLong("productId"));
    assertEquals(2_500, top.getJsonObject(1).getLong("grossSalesCents"));
    assertFalse(top.getJsonObject(0).getString("title").isBlank());
  }

  @Test
  @DisplayName(
      "weekly buckets start on Mondays (UTC), cover the whole range and add up to the same totals")
  void weeklyBuckets() {
    TestUser seller = Users.create("seller");
    Sales.sold(seller, 1_234, 3, 100); // gross 3,702 + 100
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate from = today.minusDays(20);
    JsonObject body =
        analytics(seller, "from=" + from + "&to=" + today.plusDays(1) + "&bucket=week");
    JsonArray buckets = body.getJsonArray("buckets");
    LocalDate firstMonday = from.minusDays(from.getDayOfWeek().getValue() - 1);
    LocalDate lastMonday = today.minusDays(today.getDayOfWeek().getValue() - 1);
    assertEquals((lastMonday.toEpochDay() - firstMonday.toEpochDay()) / 7 + 1, buckets.size());
    long gross = 0;
    for (int i = 0; i < buckets.size(); i++) {
      Instant start = Instant.parse(buckets.getJsonObject(i).getString("start"));
      assertEquals(DayOfWeek.MONDAY, start.atOffset(ZoneOffset.UTC).getDayOfWeek());
      assertEquals(firstMonday.plusWeeks(i).atStartOfDay(ZoneOffset.UTC).toInstant(), start);
      gross += buckets.getJsonObject(i).getLong("grossSalesCents");
    }
    assertEquals(3_802, gross);
    assertEquals(3_802, buckets.getJsonObject(buckets.size() - 1).getLong("grossSalesCents"));
    assertEquals(3_802, body.getJsonObject("totals").getLong("grossSalesCents"));
    assertEquals(3, body.getJsonObject("totals").getLong("units"));
  }

  @Test
  @DisplayName(
      "an unpaid order is no sale, and a seller with no sales gets zeros for the default last 30 days")
  void zerosAndUnpaid() {
    TestUser seller = Users.create("seller");
    long product = Sales.product(seller, 2_000, 0);
    TestUser buyer = Users.create();
    io.showfloor.testing.Shop.add(buyer, product, 1);
    io.showfloor.testing.Shop.checkout(
        buyer, "pm_card_authenticationRequired"); // stays pending_payment
    JsonObject body = analytics(seller, "");
    assertTrue(
        body.getJsonArray("buckets").size() >= 30 && body.getJsonArray("buckets").size() <= 31,
        body.getJsonArray("buckets").size() + " buckets");
    assertEquals(0, body.getJsonObject("totals").getLong("orders"));
    assertEquals(0, body.getJsonObject("totals").getLong("grossSalesCents"));
    assertEquals(0, body.getJsonArray("topProducts").size());
  }
}
