package io.showfloor.commerce.analytics;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Admin analytics: GMV, fee revenue, orders, users, shows and market activity, to the cent")
class PlatformAnalyticsTest {
  private static final List<String> METRICS =
      List.of(
          "gmvCents",
          "orders",
          "refundsCents",
          "platformFeesCents",
          "newUsers",
          "activeShows",
          "trades",
          "tradeVolumeCents",
          "tradeFeesCents");

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject today() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    return LedgerCheck.admin()
        .api()
        .get("/api/admin/analytics?from=" + day + "&to=" + day.plusDays(1) + "&bucket=day")
        .expect(200)
        .json();
  }

  @Test
  @DisplayName(
      "sales, a full refund, a market trade, new users and a live show today move each number by exactly their amounts")
  void exactDeltas() {
    LedgerCheck.admin();
    JsonObject before = today().getJsonObject("totals");

    TestUser seller = Users.create("seller");
    Sales.buy(Users.create(), Sales.product(seller, 2_000, 0), 1); // fee 160
    long refunded =
        Sales.buy(Users.create(), Sales.product(seller, 1_000, 0), 1); // fee 80, then given back
    seller.api().post("/api/orders/" + refunded + "/refund", new JsonObject()).expect(201);
    Listing listing =
        listed("ANL", new JsonObject().put("referencePriceCents", 1_000).put("totalShares", 100));
    phase(listing.symbol(), "continuous");
    TestUser buyer = trader(50_000);
    place(listing.seller(), limit(listing.symbol(), "sell", 1_000, 10));
    place(buyer, limit(listing.symbol(), "buy", 1_000, 10)); // 10,000, seller pays 2% = 200
    TestUser creator = Users.create("creator");
    long show =
        creator
            .api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Analytics live")
                    .put("description", "d")
                    .put("category", "sneakers")
                    .put(
                        "scheduledAt",
                        Instant.now()
                            .plus(1, ChronoUnit.HOURS)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()))
            .expect(201)
            .json()
            .getLong("id");
    creator.api().post("/api/shows/" + show + "/start").expect(200);

    JsonObject body = today();
    JsonObject after = body.getJsonObject("totals");
    assertEquals(3_000, after.getLong("gmvCents") - before.getLong("gmvCents"));
    assertEquals(2, after.getLong("orders") - before.getLong("orders"));
    assertEquals(1_000, after.getLong("refundsCents") - before.getLong("refundsCents"));
    assertEquals(
        160 + 80 - 80 + 200,
        after.getLong("platformFeesCents") - before.getLong("platformFeesCents"));
    assertEquals(
        6,
        after.getLong("newUsers") - before.getLong("newUsers"),
        "seller, two buyers, listing seller, trader, creator");
    assertEquals(1, after.getLong("activeShows") - before.getLong("activeShows"));
    assertEquals(1, after.getLong("trades") - before.getLong("trades"));
    assertEquals(10_000, after.getLong("tradeVolumeCents") - before.getLong("tradeVolumeCents"));
    assertEquals(200, after.getLong("tradeFeesCents") - before.getLong("tradeFeesCents"));

    JsonArray buckets = body.getJsonArray("buckets");
    assertEquals(1, buckets.size());
    for (String metric : METRICS) {
      assertEquals(after.getLong(metric), buckets.getJsonObject(0).getLong(metric), metric);
    }
  }

  @Test
  @DisplayName(
      "a range with no activity has every day present with zeros, and week buckets cover it from the Monday before")
  void emptyRange() {
    JsonObject days =
        LedgerCheck.admin()
            .api()
            .get("/api/admin/analytics?from=2020-03-04&to=2020-03-11")
            .expect(200)
            .json();
    JsonArray buckets = days.getJsonArray("buckets");
    assertEquals(7, buckets.size());
    assertEquals("2020-03-04T00:00:00Z", buckets.getJsonObject(0).getString("start"));
    assertEquals("2020-03-10T00:00:00Z", buckets.getJsonObject(6).getString("start"));
    for (Object bucket : buckets) {
      for (String metric : METRICS) {
        assertEquals(0L, ((JsonObject) bucket).getLong(metric), metric);
      }
    }
    METRICS.forEach(
        metric -> assertEquals(0L, days.getJsonObject("totals").getLong(metric), metric));

    // 2020-03-04 was a Wednesday: the first week bucket starts on Monday 2 March
    JsonArray weeks =
        LedgerCheck.admin()
            .api()
            .get(
                "/api/admin/analytics?from=2020-03-04T12:00:00Z&to=2020-03-17T23:00:00-01:00&bucket=week")
            .expect(200)
            .json()
            .getJsonArray("buckets");
    assertEquals(
        List.of("2020-03-02T00:00:00Z", "2020-03-09T00:00:00Z", "2020-03-16T00:00:00Z"),
        weeks.stream().map(w -> ((JsonObject) w).getString("start")).toList());
  }
}
