package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Eventually;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fill notices in the notification centre and by mail, per the trader's preferences")
class FillNoticesTest {

  @Test
  @DisplayName(
      "a fill notifies both sides in-app by default; mail only when asked; a trader who turned notices off gets none")
  void fillNotices() {
    MarketFixture.Listing listing = MarketFixture.listed("FIL");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    TestUser buyer = trader(200_000);
    TestUser quiet = trader(200_000);

    JsonObject defaults = buyer.api().get("/api/market/fill-notices").expect(200).json();
    assertEquals(new JsonObject().put("inApp", true).put("mail", false), defaults);
    buyer
        .api()
        .put("/api/market/fill-notices", new JsonObject().put("inApp", true).put("mail", true))
        .expect(200);
    quiet
        .api()
        .put("/api/market/fill-notices", new JsonObject().put("inApp", false).put("mail", false))
        .expect(200);
    buyer
        .api()
        .put("/api/market/fill-notices", new JsonObject().put("inApp", "yes"))
        .expectProblem(400, "validation_failed");
    assertEquals(
        new JsonObject().put("inApp", true).put("mail", true),
        buyer.api().get("/api/market/fill-notices").expect(200).json(),
        "a refused change changes nothing");

    // the buyer's open sockets are told too: a notification frame on their own topic
    CompletableFuture<JsonObject> pushed = new CompletableFuture<>();
    MessageConsumer<JsonObject> consumer =
        TestNode.get()
            .vertx()
            .eventBus()
            .<JsonObject>consumer(
                "topic.user." + buyer.id(),
                message -> {
                  if ("notification".equals(message.body().getString("type"))) {
                    pushed.complete(message.body());
                  }
                });
    consumer.completion().await();
    place(listing.seller(), limit(symbol, "sell", 10_000, 5));
    long orderId =
        place(buyer, limit(symbol, "buy", 10_000, 3)).getJsonObject("order").getLong("id");
    place(quiet, limit(symbol, "buy", 10_000, 2));

    JsonObject notice = awaitFill(buyer);
    JsonObject frame = pushed.orTimeout(5, TimeUnit.SECONDS).join();
    consumer.unregister().await();
    assertEquals("market_fill", frame.getJsonObject("data").getString("kind"));
    assertEquals(notice.getLong("id"), frame.getJsonObject("data").getLong("id"));
    assertEquals(symbol, notice.getJsonObject("payload").getString("symbol"));
    assertEquals("buy", notice.getJsonObject("payload").getString("side"));
    assertEquals(orderId, notice.getJsonObject("payload").getLong("orderId"));
    assertEquals(10_000L, notice.getJsonObject("payload").getLong("priceCents"));
    assertEquals(3L, notice.getJsonObject("payload").getLong("quantity"));
    JsonObject mail = Mailbox.await(buyer.email(), "Your order filled");
    assertTrue(mail.encode().contains("You bought 3 " + symbol), mail.encode());

    // the seller (defaults) is told in-app of both fills, and gets no mail
    Eventually.until(() -> fills(listing.seller()).size() == 2, "the seller's two fill notices");
    assertEquals(
        0,
        Mailbox.mailsTo(listing.seller().email()).stream()
            .filter(m -> m.encode().contains("Your order filled"))
            .count());

    // the quiet trader's order filled (its holding shows it) but no notice came
    assertEquals(2L, MarketFixture.holding(quiet, symbol).getLong("shares"));
    assertEquals(List.of(), fills(quiet));
    assertEquals(0, Mailbox.mailsTo(quiet.email()).size());
  }

  @Test
  @DisplayName(
      "the fill switches are kept with the trader's notification preferences: in their export, not among the settings page's topics")
  void switchesLiveWithNotificationPreferences() {
    TestUser trader = trader(1_000);
    trader
        .api()
        .put("/api/market/fill-notices", new JsonObject().put("inApp", false).put("mail", true))
        .expect(200);
    JsonArray exported =
        trader
            .api()
            .get("/api/me/export")
            .expect(200)
            .json()
            .getJsonArray("notificationPreferences");
    assertEquals(
        new JsonArray()
            .add(
                new JsonObject()
                    .put("topic", "market_fill")
                    .put("channel", "in_app")
                    .put("enabled", false))
            .add(
                new JsonObject()
                    .put("topic", "market_fill")
                    .put("channel", "mail")
                    .put("enabled", true)),
        exported);
    JsonArray topics =
        trader
            .api()
            .get("/api/me/notification-preferences")
            .expect(200)
            .json()
            .getJsonArray("topics");
    assertEquals(5, topics.size(), "the settings page lists its five topics only: " + topics);
  }

  private static JsonObject awaitFill(TestUser user) {
    Eventually.until(() -> !fills(user).isEmpty(), "a market_fill notification");
    return fills(user).get(0);
  }

  private static List<JsonObject> fills(TestUser user) {
    JsonArray items =
        user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items");
    List<JsonObject> fills = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      if ("market_fill".equals(item.getString("kind"))) {
        fills.add(item);
      }
    }
    return fills;
  }
}
