package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Products;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Test settings: watching counts after 2 "minutes" of 1 s; bonus 10 + 5 per streak day, growing for
 * 7 days.
 */
@DisplayName("Loyalty streaks: a daily bonus for watching or buying in live shows")
class LiveStreakTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonObject streak(TestUser user) {
    return loyalty(user).getJsonObject("streak");
  }

  private static JsonObject loyalty(TestUser user) {
    return user.api().get("/api/loyalty").expect(200).json();
  }

  private static long streakEntries(TestUser user) {
    return loyalty(user).getJsonArray("history").stream()
        .map(JsonObject.class::cast)
        .filter(e -> "streak_bonus".equals(e.getString("kind")))
        .count();
  }

  private static long liveShow(TestUser host) {
    long showId =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Night market")
                    .put("category", "vintage")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + showId + "/start").expect(200);
    return showId;
  }

  /**
   * The user's earlier days, as if earned then: streak {@code streak} on the day {@code daysAgo}
   * before today (UTC).
   */
  private static void earnedBefore(TestUser user, int daysAgo, int streak) {
    TestNode.get()
        .platform()
        .db()
        .query(
            """
            INSERT INTO loyalty_streak_days (user_id, day, source, streak, points)
            VALUES ($1, (now() AT TIME ZONE 'UTC')::date - $2::int, 'watch', $3, 0)""",
            Tuple.of(user.id(), daysAgo, streak))
        .await();
  }

  private static void heartbeat(TestUser viewer, long showId) {
    viewer.api().post("/api/shows/" + showId + "/presence", new JsonObject()).expect(200);
  }

  @Test
  @DisplayName(
      "watching a live show for the required minutes earns the day's bonus once, however many heartbeats follow")
  void watchingEarnsOncePerDay() throws Exception {
    TestUser host = Users.create("creator");
    TestUser viewer = Users.create();
    long showId = liveShow(host);
    JsonObject before = streak(viewer);
    assertEquals(0, before.getInteger("days"));
    assertFalse(before.getBoolean("earnedToday"));
    assertEquals(10, before.getLong("nextBonusPoints"));
    assertEquals(2, before.getJsonObject("earnBy").getInteger("watchMinutes"));

    heartbeat(viewer, showId);
    Eventually.until(
        () -> streak(viewer).getJsonObject("earnBy").getInteger("watchedMinutesToday") == 1,
        "the first minute is counted");
    assertFalse(streak(viewer).getBoolean("earnedToday"), "one minute is not enough");
    Thread.sleep(1_100);
    heartbeat(viewer, showId);
    Eventually.until(
        () -> streak(viewer).getBoolean("earnedToday"), "the second minute earns the day");
    JsonObject earned = loyalty(viewer);
    assertEquals(10, earned.getLong("points"));
    assertEquals(1, earned.getJsonObject("streak").getInteger("days"));
    assertEquals(10, earned.getJsonObject("streak").getLong("todayPoints"));
    assertEquals(
        15,
        earned.getJsonObject("streak").getLong("nextBonusPoints"),
        "tomorrow continues the streak");
    assertEquals("streak_bonus", earned.getJsonArray("history").getJsonObject(0).getString("kind"));

    Thread.sleep(1_100);
    heartbeat(viewer, showId);
    heartbeat(viewer, showId);
    Eventually.until(
        () -> streak(viewer).getJsonObject("earnBy").getInteger("watchedMinutesToday") == 2,
        "counted");
    assertEquals(10, loyalty(viewer).getLong("points"), "the day pays once");
    assertEquals(1, streakEntries(viewer));

    // the host watching their own show earns nothing
    heartbeat(host, showId);
    Thread.sleep(1_100);
    heartbeat(host, showId);
    assertEquals(0, streak(host).getJsonObject("earnBy").getInteger("watchedMinutesToday"));
  }

  @Test
  @DisplayName(
      "buying in a live show continues yesterday's streak and the bonus grows with it, up to the cap")
  void buyingContinuesTheStreak() {
    TestUser host = Users.create("creator", "seller");
    TestUser buyer = Users.create();
    long showId = liveShow(host);
    earnedBefore(buyer, 1, 3);
    JsonObject alive = streak(buyer);
    assertEquals(3, alive.getInteger("days"), "yesterday's streak is alive until today ends");
    assertEquals(25, alive.getLong("nextBonusPoints"), "day 4 pays 10 + 3 x 5");

    long product = Products.create(host, 2_000, 5).getLong("id");
    long saleId =
        host.api()
            .post(
                "/api/shows/" + showId + "/flash-sales",
                new JsonObject()
                    .put("productId", product)
                    .put("priceCents", 1_500)
                    .put("quantity", 2)
                    .put("perBuyerLimit", 2))
            .expect(201)
            .json()
            .getLong("id");
    buyer
        .api()
        .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expect(201);
    long pointsBefore = loyalty(buyer).getLong("points");
    Shop.checkout(buyer, "pm_card_visa");
    JsonObject after = loyalty(buyer);
    assertEquals(4, after.getJsonObject("streak").getInteger("days"));
    assertEquals(25, after.getJsonObject("streak").getLong("todayPoints"));
    assertEquals(1, streakEntries(buyer));
    // 15 points for 15.00 + 1 live-show bonus (10%) + 25 streak bonus
    assertEquals(pointsBefore + 15 + 1 + 25, after.getLong("points"));

    // a second live purchase the same day earns the purchase points, not another day
    buyer
        .api()
        .post("/api/flash-sales/" + saleId + "/buy", new JsonObject().put("quantity", 1))
        .expect(201);
    Shop.checkout(buyer, "pm_card_visa");
    assertEquals(1, streakEntries(buyer));

    TestUser veteran = Users.create();
    earnedBefore(veteran, 1, 7);
    assertEquals(
        40,
        streak(veteran).getLong("nextBonusPoints"),
        "past 7 days the bonus stays at 10 + 6 x 5");
  }

  @Test
  @DisplayName("a missed day breaks the streak, and buying outside a live show does not count")
  void gapsAndCatalogBuys() {
    TestUser seller = Users.create("seller");
    TestUser buyer = Users.create();
    earnedBefore(buyer, 2, 5);
    JsonObject broken = streak(buyer);
    assertEquals(0, broken.getInteger("days"));
    assertEquals(10, broken.getLong("nextBonusPoints"));

    long product = Products.create(seller, 3_000, 5).getLong("id");
    Shop.add(buyer, product, 1);
    Shop.checkout(buyer, "pm_card_visa");
    assertFalse(
        streak(buyer).getBoolean("earnedToday"), "a catalog purchase is not a live-show purchase");
    assertEquals(30, loyalty(buyer).getLong("points"));
    assertTrue(streakEntries(buyer) == 0);
  }
}
