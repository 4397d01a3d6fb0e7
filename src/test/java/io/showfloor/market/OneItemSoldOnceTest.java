package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.Mailbox;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Shop;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One item, sold once: shares or whole, and redemption by the holder of every share")
class OneItemSoldOnceTest {
  @AfterEach
  void ledgerStaysBalanced() {
    LedgerCheck.assertBalanced();
  }

  private static long product(TestUser seller, String title, int quantity) {
    return seller
        .api()
        .post(
            "/api/products",
            new JsonObject()
                .put("title", title)
                .put("description", "One of a kind")
                .put("category", "art")
                .put("priceCents", 50_000)
                .put("quantity", quantity)
                .put("imageUrls", new JsonArray()))
        .expect(201)
        .json()
        .getLong("id");
  }

  private static long liveShow(TestUser host) {
    long showId =
        host.api()
            .post(
                "/api/shows",
                new JsonObject()
                    .put("title", "Gallery night")
                    .put("description", "Prints")
                    .put("category", "art")
                    .put("scheduledAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
            .expect(201)
            .json()
            .getLong("id");
    host.api().post("/api/shows/" + showId + "/start").expect(200);
    return showId;
  }

  private static io.showfloor.testing.Api.Response listAsShares(
      TestUser seller, String symbol, long productId) {
    return seller
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject()
                .put("symbol", symbol)
                .put("name", "Print " + symbol)
                .put("productId", productId)
                .put("totalShares", 10)
                .put("referencePriceCents", 1_000));
  }

  private static void approve(String symbol) {
    LedgerCheck.admin()
        .api()
        .post(
            "/api/market/instruments/" + symbol + "/approve",
            new JsonObject().put("followsSchedule", false))
        .expect(200);
  }

  /** Every way to sell a product whole, each expected to answer 409 with this code. */
  private static void everyWholeSaleRefused(
      TestUser host, long showId, long productId, TestUser buyer) {
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", productId).put("quantity", 1))
        .expectProblem(409, "item_fractionalized");
    host.api()
        .post(
            "/api/shows/" + showId + "/lots",
            new JsonObject()
                .put("productId", productId)
                .put("startingPriceCents", 1_000)
                .put("durationSeconds", 30)
                .put("mode", "standard"))
        .expectProblem(409, "item_fractionalized");
    host.api()
        .post(
            "/api/shows/" + showId + "/flash-sales",
            new JsonObject()
                .put("productId", productId)
                .put("priceCents", 1_000)
                .put("quantity", 1))
        .expectProblem(409, "item_fractionalized");
    host.api()
        .post(
            "/api/shows/" + showId + "/giveaways",
            new JsonObject()
                .put("title", "Win the print")
                .put("productId", productId)
                .put("durationSeconds", 30))
        .expectProblem(409, "item_fractionalized");
  }

  @Test
  @DisplayName(
      "a product backing a pending or trading instrument cannot be carted, auctioned, flash-sold or given away (409 item_fractionalized), and nothing is held")
  void fractionalizedIsNotSoldWhole() {
    TestUser host = Users.create("creator", "seller");
    TestUser buyer = Users.create();
    long showId = liveShow(host);

    long pendingItem = product(host, "Pending print", 3);
    String pending = MarketFixture.symbol("PEND");
    listAsShares(host, pending, pendingItem).expect(201);
    everyWholeSaleRefused(host, showId, pendingItem, buyer);
    assertEquals(3, Shop.stock(pendingItem), "no unit was held by a refused sale");
    assertEquals(0, buyer.api().get("/api/cart").expect(200).json().getJsonArray("items").size());

    long tradingItem = product(host, "Trading print", 1);
    String trading = MarketFixture.symbol("TRAD");
    listAsShares(host, trading, tradingItem).expect(201);
    approve(trading);
    everyWholeSaleRefused(host, showId, tradingItem, buyer);
    assertEquals(1, Shop.stock(tradingItem));

    // a rejected listing gives the product back to ordinary selling
    LedgerCheck.admin()
        .api()
        .post("/api/market/instruments/" + pending + "/reject", new JsonObject())
        .expect(200);
    buyer
        .api()
        .post("/api/cart/items", new JsonObject().put("productId", pendingItem).put("quantity", 1))
        .expect(201);
  }

  @Test
  @DisplayName(
      "a product with units in a cart, on a lot, in a flash sale, a giveaway or an unshipped order cannot be listed as shares (409 item_reserved), and no listing is written")
  void reservedIsNotListed() {
    TestUser host = Users.create("creator", "seller");
    TestUser buyer = Users.create();
    long showId = liveShow(host);

    long carted = product(host, "Carted print", 2);
    Shop.add(buyer, carted, 1);
    String first = MarketFixture.symbol("CART");
    listAsShares(host, first, carted).expectProblem(409, "item_reserved");
    host.api().get("/api/market/instruments/" + first).expectProblem(404, "instrument_not_found");

    long onLot = product(host, "Auctioned print", 1);
    host.api()
        .post(
            "/api/shows/" + showId + "/lots",
            new JsonObject()
                .put("productId", onLot)
                .put("startingPriceCents", 1_000)
                .put("durationSeconds", 30)
                .put("mode", "standard"))
        .expect(201);
    listAsShares(host, MarketFixture.symbol("LOT"), onLot).expectProblem(409, "item_reserved");

    long onSale = product(host, "Flash print", 5);
    host.api()
        .post(
            "/api/shows/" + showId + "/flash-sales",
            new JsonObject().put("productId", onSale).put("priceCents", 1_000).put("quantity", 2))
        .expect(201);
    listAsShares(host, MarketFixture.symbol("FLSH"), onSale).expectProblem(409, "item_reserved");

    long givenAway = product(host, "Prize print", 2);
    host.api()
        .post(
            "/api/shows/" + showId + "/giveaways",
            new JsonObject()
                .put("title", "Win a print")
                .put("productId", givenAway)
                .put("durationSeconds", 60))
        .expect(201);
    listAsShares(host, MarketFixture.symbol("GIVE"), givenAway).expectProblem(409, "item_reserved");

    // a paid order not yet shipped holds its unit too
    long ordered = product(host, "Ordered print", 2);
    TestUser other = Users.create();
    Shop.add(other, ordered, 1);
    Shop.checkout(other, "pm_card_visa");
    listAsShares(host, MarketFixture.symbol("ORDR"), ordered).expectProblem(409, "item_reserved");

    // once the cart lets go, the product may become shares
    String cartId =
        buyer
            .api()
            .get("/api/cart")
            .expect(200)
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id")
            .toString();
    buyer.api().delete("/api/cart/items/" + cartId).expect(204);
    listAsShares(host, first, carted).expect(201);
  }

  @Test
  @DisplayName(
      "the holder of every share redeems the item: the instrument is delisted, a $0 order ships it to them, the trades stay; less than 100% is refused; resting orders are cancelled and their escrow released")
  void redemption() {
    TestUser seller = Users.create("seller");
    long item = product(seller, "Signed print", 1);
    String symbol = MarketFixture.symbol("RDM");
    listAsShares(seller, symbol, item).expect(201);
    approve(symbol);
    phase(symbol, "continuous");
    TestUser holder = MarketFixture.trader(50_000);
    TestUser other = MarketFixture.trader(50_000);

    place(seller, limit(symbol, "sell", 1_000, 10));
    place(holder, limit(symbol, "buy", 1_000, 4));
    String redeem = "/api/market/instruments/" + symbol + "/redeem";
    JsonObject partial = holder.api().post(redeem).expectProblem(409, "not_sole_holder");
    assertTrue(partial.getString("detail").contains("4 of 10"), partial.encode());
    seller.api().post(redeem).expectProblem(409, "not_sole_holder");
    TestNode.api().post(redeem).expectProblem(401, "unauthorized");
    holder
        .api()
        .post("/api/market/instruments/NOSUCH1/redeem")
        .expectProblem(404, "instrument_not_found");

    place(holder, limit(symbol, "buy", 1_000, 6));
    assertEquals(10, MarketFixture.holding(holder, symbol).getLong("shares"));
    // other traders' bids (and the holder's own offer) still rest: redeeming cancels them and gives
    // their escrow back
    long resting = place(other, limit(symbol, "buy", 900, 3)).getJsonObject("order").getLong("id");
    long own = place(holder, limit(symbol, "sell", 1_100, 2)).getJsonObject("order").getLong("id");
    assertEquals(2_700, other.api().get("/api/wallet").expect(200).json().getLong("heldCents"));

    JsonObject redeemed = holder.api().post(redeem).expect(200).json();
    assertEquals("delisted", redeemed.getString("status"));
    long orderId = redeemed.getLong("orderId");
    assertEquals(
        "cancelled",
        other
            .api()
            .get("/api/market/orders/" + resting)
            .expect(200)
            .json()
            .getJsonObject("order")
            .getString("status"));
    assertEquals(
        "cancelled",
        holder
            .api()
            .get("/api/market/orders/" + own)
            .expect(200)
            .json()
            .getJsonObject("order")
            .getString("status"));
    JsonObject otherWallet = other.api().get("/api/wallet").expect(200).json();
    assertEquals(0, otherWallet.getLong("heldCents"), "the other trader's escrow is released");
    assertEquals(50_000, otherWallet.getLong("availableCents"));

    JsonObject order = holder.api().get("/api/orders/" + orderId).expect(200).json();
    assertEquals("redemption", order.getString("source"));
    assertEquals("paid", order.getString("status"));
    assertEquals(0, order.getLong("totalCents"));
    assertEquals(seller.id(), order.getLong("sellerId"));
    assertEquals(item, order.getJsonArray("lines").getJsonObject(0).getLong("productId"));
    assertTrue(
        seller
            .api()
            .get("/api/orders?role=seller&status=paid")
            .expect(200)
            .json()
            .getJsonArray("items")
            .stream()
            .anyMatch(o -> ((JsonObject) o).getLong("id") == orderId),
        "the order waits in the seller's to-ship list");
    assertEquals(0, Shop.stock(item), "the unit left stock for the redeemer");
    assertTrue(notified(holder, "item_redeemed"));
    assertTrue(notified(seller, "order_to_ship"));
    Mailbox.await(holder.email(), "on its way to you");

    JsonObject instrument =
        TestNode.api().get("/api/market/instruments/" + symbol).expect(200).json();
    assertEquals("delisted", instrument.getString("status"));
    assertFalse(
        TestNode.api()
            .get("/api/market/instruments/" + symbol + "/trades")
            .expect(200)
            .json()
            .getJsonArray("items")
            .isEmpty(),
        "the trade history stays");
    assertEquals(
        0, MarketFixture.holding(holder, symbol).getLong("shares"), "the shares became the item");
    holder.api().post(redeem).expectProblem(409, "instrument_not_trading");
    other.api().post("/api/market/orders", limit(symbol, "buy", 1_000, 1)).expect(409);
  }

  private static boolean notified(TestUser user, String kind) {
    return user.api().get("/api/me/notifications").expect(200).json().getJsonArray("items").stream()
        .anyMatch(n -> kind.equals(((JsonObject) n).getString("kind")));
  }
}
