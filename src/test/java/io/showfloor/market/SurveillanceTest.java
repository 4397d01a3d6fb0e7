package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Market surveillance (wash trades, accounts sharing a card) and the moderators' review queue")
class SurveillanceTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
  }

  private static JsonArray flagsOn(String symbol, TestUser moderator) {
    TestNode.get().vertx().eventBus().request(Markets.SURVEILLANCE_SCAN_ADDRESS, "").await();
    JsonArray mine = new JsonArray();
    moderator
        .api()
        .get("/api/market/surveillance?limit=200")
        .expect(200)
        .json()
        .getJsonArray("items")
        .forEach(
            f -> {
              if (symbol.equals(((JsonObject) f).getString("symbol"))) {
                mine.add(f);
              }
            });
    return mine;
  }

  @Test
  @DisplayName(
      "A selling to B and B selling back to A within a minute is flagged once, and a moderator reviews it")
  void roundTripFlagged() {
    Listing listing = listed("WSH");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser a = trader(100_000);
    TestUser b = trader(100_000);
    TestUser honest = trader(100_000);
    place(listing.seller(), limit(symbol, "sell", 10_000, 5));
    place(a, limit(symbol, "buy", 10_000, 5));
    // A sells to B, B sells back to A
    place(a, limit(symbol, "sell", 10_050, 5));
    place(b, limit(symbol, "buy", 10_050, 5));
    place(b, limit(symbol, "sell", 10_040, 5));
    place(a, limit(symbol, "buy", 10_040, 5));
    // an ordinary trade with a third trader is not flagged
    place(honest, limit(symbol, "buy", 10_000, 1));
    place(a, limit(symbol, "sell", 10_000, 1));

    TestUser moderator = Users.create("moderator");
    JsonArray flags = flagsOn(symbol, moderator);
    assertEquals(1, flags.size(), flags.encodePrettily());
    JsonObject flag = flags.getJsonObject(0);
    assertEquals("wash_round_trip", flag.getString("kind"));
    assertEquals(a.id(), flag.getLong("userA"));
    assertEquals(b.id(), flag.getLong("userB"));
    assertEquals(1, flagsOn(symbol, moderator).size(), "a second scan flags nothing new");

    a.api().get("/api/market/surveillance").expectProblem(403, "role_required");
    a.api()
        .post(
            "/api/market/surveillance/" + flag.getLong("id") + "/review",
            new JsonObject().put("outcome", "dismissed"))
        .expectProblem(403, "role_required");
    moderator
        .api()
        .post(
            "/api/market/surveillance/" + flag.getLong("id") + "/review",
            new JsonObject().put("outcome", "maybe"))
        .expectProblem(400, "validation_failed");
    JsonObject reviewed =
        moderator
            .api()
            .post(
                "/api/market/surveillance/" + flag.getLong("id") + "/review",
                new JsonObject().put("outcome", "confirmed").put("note", "same household"))
            .expect(200)
            .json();
    assertEquals("confirmed", reviewed.getString("status"));
    assertEquals(moderator.id(), reviewed.getLong("reviewedBy"));
    moderator
        .api()
        .post(
            "/api/market/surveillance/" + flag.getLong("id") + "/review",
            new JsonObject().put("outcome", "dismissed"))
        .expectProblem(409, "flag_already_reviewed");
    moderator
        .api()
        .post(
            "/api/market/surveillance/999999999/review",
            new JsonObject().put("outcome", "dismissed"))
        .expectProblem(404, "flag_not_found");
    assertEquals(0, flagsOn(symbol, moderator).size(), "reviewed flags leave the open queue");
  }

  /** A trader who paid a deposit with {@code card} (a Stripe test id the sandbox honours). */
  private static TestUser depositedWith(String card) {
    TestUser user = Users.create();
    user.api()
        .post(
            "/api/wallet/deposits",
            new JsonObject().put("amountCents", 100_000).put("paymentMethodId", card))
        .expect(201);
    return user;
  }

  @Test
  @DisplayName(
      "trades between accounts that saved or paid with the same card are flagged once per pair and day; "
          + "traders with different cards are not")
  void sharedPaymentMethodFlagged() {
    Listing listing = listed("SPM");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    // A saves the card and deposits without naming one; B pays a deposit with the same card
    TestUser a = trader(100_000);
    a.api()
        .post("/api/me/cards", new JsonObject().put("paymentMethodId", "pm_card_jcb"))
        .expect(201);
    TestUser b = depositedWith("pm_card_jcb");
    TestUser c = depositedWith("pm_card_diners");
    TestUser d = depositedWith("pm_card_unionpay");
    place(listing.seller(), limit(symbol, "sell", 10_000, 8));
    place(a, limit(symbol, "buy", 10_000, 5));
    place(c, limit(symbol, "buy", 10_000, 3));
    // A sells to B twice; C sells to D
    place(a, limit(symbol, "sell", 10_100, 2));
    place(b, limit(symbol, "buy", 10_100, 2));
    place(c, limit(symbol, "sell", 10_100, 2));
    place(d, limit(symbol, "buy", 10_100, 2));
    place(a, limit(symbol, "sell", 10_200, 1));
    place(b, limit(symbol, "buy", 10_200, 1));

    TestUser moderator = Users.create("moderator");
    JsonArray flags = flagsOn(symbol, moderator);
    assertEquals(1, flags.size(), flags.encodePrettily());
    JsonObject flag = flags.getJsonObject(0);
    assertEquals("shared_payment_method", flag.getString("kind"));
    assertEquals(Math.min(a.id(), b.id()), flag.getLong("userA"));
    assertEquals(Math.max(a.id(), b.id()), flag.getLong("userB"));
    assertEquals(LocalDate.now(ZoneId.of("America/New_York")).toString(), flag.getString("period"));
    assertNull(flag.getLong("relatedTradeId"));
    assertTrue(flag.getString("detail").contains("same card"), flag.getString("detail"));

    // another trade between them the same day, in a later scan, raises nothing new
    place(a, limit(symbol, "sell", 10_200, 1));
    place(b, limit(symbol, "buy", 10_200, 1));
    assertEquals(1, flagsOn(symbol, moderator).size());
    JsonObject reviewed =
        moderator
            .api()
            .post(
                "/api/market/surveillance/" + flag.getLong("id") + "/review",
                new JsonObject().put("outcome", "dismissed").put("note", "siblings sharing a card"))
            .expect(200)
            .json();
    assertEquals("dismissed", reviewed.getString("status"));
  }

  @Test
  @DisplayName(
      "two accounts trading with each other from one device (X-Device-Id) are flagged shared_device;"
          + " a buyer on another device is not")
  void sharedDeviceFlagged() {
    Listing listing = listed("DEV");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser a = trader(100_000);
    TestUser b = trader(100_000);
    TestUser c = trader(100_000);
    String laptop = "laptop-" + java.util.UUID.randomUUID();
    String phone = "phone-" + java.util.UUID.randomUUID();
    place(listing.seller(), limit(symbol, "sell", 10_000, 3));
    a.api()
        .with("X-Device-Id", laptop)
        .post("/api/market/orders", limit(symbol, "buy", 10_000, 3))
        .expect(201);
    // A sells to B, both on the laptop; C buys from A on a phone of their own
    a.api()
        .with("X-Device-Id", laptop)
        .post("/api/market/orders", limit(symbol, "sell", 10_100, 2))
        .expect(201);
    b.api()
        .with("X-Device-Id", laptop)
        .post("/api/market/orders", limit(symbol, "buy", 10_100, 1))
        .expect(201);
    c.api()
        .with("X-Device-Id", phone)
        .post("/api/market/orders", limit(symbol, "buy", 10_100, 1))
        .expect(201);

    TestUser moderator = Users.create("moderator");
    JsonArray flags = flagsOn(symbol, moderator);
    assertEquals(1, flags.size(), flags.encodePrettily());
    JsonObject flag = flags.getJsonObject(0);
    assertEquals("shared_device", flag.getString("kind"));
    assertEquals(Math.min(a.id(), b.id()), flag.getLong("userA"));
    assertEquals(Math.max(a.id(), b.id()), flag.getLong("userB"));
    assertTrue(flag.getString("rule").startsWith("shared_device:"), flag.getString("rule"));
    assertTrue(flag.getString("detail").contains("same device"), flag.getString("detail"));
    assertEquals(1, flag.getJsonArray("trades").size());
    assertEquals(b.id(), flag.getJsonArray("trades").getJsonObject(0).getLong("buyerId"));
  }
}
