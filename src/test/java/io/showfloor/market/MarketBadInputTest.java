package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Bad input to every market endpoint gets a 4xx problem+json and changes nothing")
class MarketBadInputTest {
  private static final String JSON = "application/json";
  private Listing listing;
  private String symbol;
  private TestUser trader;
  private Api anonymous;
  private Api admin;
  private long orderId;
  private JsonObject snapshotBefore;

  @BeforeEach
  void market() {
    listing = listed("BAD");
    symbol = listing.symbol();
    phase(symbol, "continuous");
    trader = trader(50_000);
    orderId = place(trader, limit(symbol, "buy", 9_000, 2)).getJsonObject("order").getLong("id");
    anonymous = TestNode.api();
    admin = LedgerCheck.admin().api();
    snapshotBefore = snapshot();
  }

  @AfterEach
  void nothingChanged() {
    assertEquals(snapshotBefore, snapshot());
    LedgerCheck.assertBalanced();
  }

  /** Everything the bad requests could have touched. */
  private JsonObject snapshot() {
    var db = TestNode.get().platform().db();
    JsonObject state = new JsonObject();
    state.put(
        "orders",
        db.one(
                "SELECT count(*) AS n, COALESCE(sum(quantity), 0) AS q FROM market_orders WHERE symbol = $1",
                Tuple.of(symbol))
            .await()
            .toJson());
    state.put(
        "instruments",
        db.one("SELECT count(*) AS n FROM market_instruments", Tuple.tuple()).await().getLong("n"));
    state.put(
        "instrument",
        db.one(
                "SELECT phase, status, fee_bps FROM market_instruments WHERE symbol = $1",
                Tuple.of(symbol))
            .await()
            .toJson());
    state.put(
        "watchlist",
        db.one(
                "SELECT count(*) AS n FROM market_watchlist WHERE user_id = $1",
                Tuple.of(trader.id()))
            .await()
            .getLong("n"));
    state.put(
        "ledger",
        db.one("SELECT count(*) AS n FROM ledger_transactions", Tuple.tuple())
            .await()
            .getLong("n"));
    state.put("book", MarketFixture.book(symbol).put("serverTime", ""));
    return state;
  }

  private static void invalid(Api.Response response) {
    response.expectProblem(400, "validation_failed");
  }

  @Test
  @DisplayName("listing: credentials, role, contract, sizes and duplicates")
  void listing() {
    Api seller = Users.create("seller").api();
    JsonObject good =
        new JsonObject().put("symbol", MarketFixture.symbol("NEW")).put("name", "A thing");
    anonymous.post("/api/market/instruments", good).expectProblem(401, "unauthorized");
    trader.api().post("/api/market/instruments", good).expectProblem(403, "role_required");
    Users.unverified("seller")
        .api()
        .post("/api/market/instruments", good)
        .expectProblem(403, "email_not_verified");
    seller
        .send("POST", "/api/market/instruments", "{\"symbol\": ", JSON)
        .expectProblem(400, "validation_failed");
    seller
        .send("POST", "/api/market/instruments", "[]", JSON)
        .expectProblem(400, "validation_failed");
    invalid(seller.post("/api/market/instruments", new JsonObject().put("name", "no symbol")));
    invalid(seller.post("/api/market/instruments", good.copy().put("symbol", "lower")));
    invalid(seller.post("/api/market/instruments", good.copy().put("symbol", "TOOLONGSYMBOL1")));
    invalid(seller.post("/api/market/instruments", good.copy().put("name", "x".repeat(121))));
    invalid(seller.post("/api/market/instruments", good.copy().put("name", "")));
    invalid(seller.post("/api/market/instruments", good.copy().put("totalShares", 0)));
    invalid(seller.post("/api/market/instruments", good.copy().put("totalShares", -5)));
    invalid(
        seller.post("/api/market/instruments", good.copy().put("totalShares", 10_000_000_000L)));
    invalid(seller.post("/api/market/instruments", good.copy().put("referencePriceCents", "100")));
    invalid(seller.post("/api/market/instruments", good.copy().put("referencePriceCents", 1.5)));
    invalid(seller.post("/api/market/instruments", good.copy().put("priceBandBps", 10_000)));
    invalid(seller.post("/api/market/instruments", good.copy().put("extra", true)));
    seller
        .post(
            "/api/market/instruments",
            good.copy().put("totalShares", 1_000_000_000).put("referencePriceCents", 1_000))
        .expectProblem(422, "listing_too_large");
    seller
        .post("/api/market/instruments", good.copy().put("tickSizeCents", 7))
        .expectProblem(422, "reference_off_tick");
    seller
        .post(
            "/api/market/instruments",
            good.copy().put("totalShares", 10).put("maxOrderQuantity", 11))
        .expectProblem(422, "max_order_above_total");
    seller
        .post("/api/market/instruments", good.copy().put("symbol", symbol))
        .expectProblem(409, "symbol_taken");
    long someoneElses =
        io.showfloor.testing.Products.create(Users.create("seller"), 1_000, 1).getLong("id");
    seller
        .post("/api/market/instruments", good.copy().put("productId", someoneElses))
        .expectProblem(422, "product_not_yours");
    seller
        .post("/api/market/instruments", good.copy().put("productId", 999_999_999))
        .expectProblem(422, "product_not_yours");
  }

  @Test
  @DisplayName("instrument lookups, approval, rejection, phases and rebuilds")
  void instruments() {
    invalid(anonymous.get("/api/market/instruments?status=bogus"));
    invalid(anonymous.get("/api/market/instruments?limit=0"));
    invalid(anonymous.get("/api/market/instruments?limit=201"));
    invalid(anonymous.get("/api/market/instruments?after=lower"));
    invalid(anonymous.get("/api/market/instruments/lower"));
    anonymous.get("/api/market/instruments/NOSUCH1").expectProblem(404, "instrument_not_found");

    String pending = MarketFixture.symbol("PND");
    Users.TestUser owner = Users.create("seller");
    owner
        .api()
        .post(
            "/api/market/instruments",
            new JsonObject().put("symbol", pending).put("name", "Pending"))
        .expect(201);
    snapshotBefore = snapshot();
    anonymous.get("/api/market/instruments/" + pending).expectProblem(404, "instrument_not_found");
    trader
        .api()
        .get("/api/market/instruments/" + pending)
        .expectProblem(404, "instrument_not_found");
    owner.api().get("/api/market/instruments/" + pending).expect(200);

    String approve = "/api/market/instruments/" + symbol + "/approve";
    anonymous.post(approve).expectProblem(401, "unauthorized");
    listing.seller().api().post(approve).expectProblem(403, "role_required");
    admin.post(approve).expectProblem(409, "instrument_not_pending");
    admin
        .post("/api/market/instruments/NOSUCH2/approve")
        .expectProblem(404, "instrument_not_found");
    invalid(
        admin.post(
            "/api/market/instruments/" + pending + "/approve",
            new JsonObject().put("feeBasisPoints", 10_001)));
    invalid(
        admin.post(
            "/api/market/instruments/" + pending + "/approve",
            new JsonObject().put("feePayer", "nobody")));
    invalid(
        admin.post(
            "/api/market/instruments/" + pending + "/approve",
            new JsonObject().put("surprise", 1)));
    owner
        .api()
        .post("/api/market/instruments/" + pending + "/reject")
        .expectProblem(403, "role_required");
    admin
        .post("/api/market/instruments/" + symbol + "/reject")
        .expectProblem(409, "instrument_not_pending");

    String phase = "/api/market/instruments/" + symbol + "/phase";
    invalid(admin.post(phase, new JsonObject().put("phase", "lunch")));
    invalid(admin.post(phase, new JsonObject()));
    invalid(admin.post(phase, new JsonObject().put("phase", "continuous").put("now", true)));
    trader
        .api()
        .post(phase, new JsonObject().put("phase", "halted"))
        .expectProblem(403, "role_required");
    admin
        .post(
            "/api/market/instruments/" + pending + "/phase",
            new JsonObject().put("phase", "continuous"))
        .expectProblem(409, "instrument_not_approved");
    trader
        .api()
        .post("/api/market/instruments/" + symbol + "/rebuild")
        .expectProblem(403, "role_required");
    admin
        .post("/api/market/instruments/NOSUCH3/rebuild")
        .expectProblem(404, "instrument_not_found");
  }

  @Test
  @DisplayName("market data: depth, paging, candle intervals and times, unknown symbols")
  void marketData() {
    String base = "/api/market/instruments/" + symbol;
    invalid(anonymous.get(base + "/book?depth=0"));
    invalid(anonymous.get(base + "/book?depth=51"));
    invalid(anonymous.get(base + "/book?depth=ten"));
    anonymous
        .get("/api/market/instruments/NOSUCH4/book")
        .expectProblem(404, "instrument_not_found");
    anonymous
        .get("/api/market/instruments/NOSUCH4/ticker")
        .expectProblem(404, "instrument_not_found");
    invalid(anonymous.get(base + "/trades?limit=0"));
    invalid(anonymous.get(base + "/trades?before=-3"));
    anonymous
        .get("/api/market/instruments/NOSUCH4/trades")
        .expectProblem(404, "instrument_not_found");
    invalid(anonymous.get(base + "/candles?interval=2m"));
    invalid(anonymous.get(base + "/candles?limit=5000"));
    invalid(anonymous.get(base + "/candles?until=yesterday"));
    anonymous
        .get("/api/market/instruments/NOSUCH4/candles")
        .expectProblem(404, "instrument_not_found");
  }

  @Test
  @DisplayName(
      "placing orders: credentials, contract, cross-field rules, unknown or unapproved instruments")
  void placing() {
    Api api = trader.api();
    JsonObject good = limit(symbol, "buy", 9_000, 1);
    anonymous.post("/api/market/orders", good).expectProblem(401, "unauthorized");
    anonymous.as("garbage").post("/api/market/orders", good).expectProblem(401, "invalid_token");
    Users.unverified()
        .api()
        .post("/api/market/orders", good)
        .expectProblem(403, "email_not_verified");
    api.send("POST", "/api/market/orders", "{not json", JSON)
        .expectProblem(400, "validation_failed");
    api.send("POST", "/api/market/orders", "", JSON).expectProblem(400, "validation_failed");
    invalid(api.post("/api/market/orders", new JsonObject()));
    invalid(api.post("/api/market/orders", good.copy().put("quantity", 0)));
    invalid(api.post("/api/market/orders", good.copy().put("quantity", -1)));
    invalid(api.post("/api/market/orders", good.copy().put("quantity", 1_000_000_001L)));
    invalid(api.post("/api/market/orders", good.copy().put("quantity", "1")));
    invalid(api.post("/api/market/orders", good.copy().put("priceCents", 0)));
    invalid(api.post("/api/market/orders", good.copy().put("priceCents", 99_999_999_999L)));
    invalid(api.post("/api/market/orders", good.copy().put("side", "hold")));
    invalid(api.post("/api/market/orders", good.copy().put("type", "stop")));
    invalid(api.post("/api/market/orders", good.copy().put("timeInForce", "GTX")));
    api.post("/api/market/orders", good.copy().put("timeInForce", "GTD"))
        .expectProblem(400, "expires_at_required");
    invalid(api.post("/api/market/orders", good.copy().put("symbol", "lower")));
    invalid(api.post("/api/market/orders", good.copy().put("clientOrderId", "has space")));
    invalid(api.post("/api/market/orders", good.copy().put("leverage", 10)));
    api.post("/api/market/orders", good.copy().putNull("priceCents").put("priceCents", (Long) null))
        .expectProblem(400, "validation_failed");
    JsonObject noPrice = good.copy();
    noPrice.remove("priceCents");
    api.post("/api/market/orders", noPrice).expectProblem(400, "price_required");
    api.post("/api/market/orders", good.copy().put("type", "market"))
        .expectProblem(400, "price_not_allowed");
    api.post("/api/market/orders", good.copy().put("maxCostCents", 100))
        .expectProblem(400, "max_cost_not_allowed");
    api.with("Idempotency-Key", "not a valid id")
        .post("/api/market/orders", good)
        .expectProblem(400, "invalid_idempotency_key");
    api.post("/api/market/orders", good.copy().put("symbol", "NOSUCH5"))
        .expectProblem(404, "instrument_not_found");
    String pending = MarketFixture.symbol("PNO");
    Users.create("seller")
        .api()
        .post("/api/market/instruments", new JsonObject().put("symbol", pending).put("name", "P"))
        .expect(201);
    snapshotBefore = snapshot();
    api.post("/api/market/orders", good.copy().put("symbol", pending))
        .expectProblem(409, "instrument_not_approved");
  }

  @Test
  @DisplayName("reading, cancelling and reducing orders: ids, ownership, bodies")
  void orders() {
    Api api = trader.api();
    Api stranger = trader(0).api();
    anonymous.get("/api/market/orders").expectProblem(401, "unauthorized");
    invalid(api.get("/api/market/orders?status=sleeping"));
    invalid(api.get("/api/market/orders?limit=-1"));
    invalid(api.get("/api/market/orders?symbol=lower"));
    invalid(api.get("/api/market/orders/abc"));
    invalid(api.get("/api/market/orders/0"));
    stranger.get("/api/market/orders/" + orderId).expectProblem(404, "order_not_found");
    api.get("/api/market/orders/999999999").expectProblem(404, "order_not_found");
    anonymous.delete("/api/market/orders/" + orderId).expectProblem(401, "unauthorized");
    stranger.delete("/api/market/orders/" + orderId).expectProblem(404, "order_not_found");
    invalid(api.delete("/api/market/orders/-4"));
    stranger
        .patch("/api/market/orders/" + orderId, new JsonObject().put("quantity", 1))
        .expectProblem(404, "order_not_found");
    invalid(api.patch("/api/market/orders/" + orderId, new JsonObject().put("quantity", 0)));
    invalid(
        api.patch(
            "/api/market/orders/" + orderId,
            new JsonObject().put("quantity", 1).put("priceCents", 0)));
    invalid(api.patch("/api/market/orders/" + orderId, new JsonObject()));
    invalid(api.patch("/api/market/orders/" + orderId, new JsonObject().put("stopPriceCents", 5)));
    anonymous.get("/api/market/fills").expectProblem(401, "unauthorized");
    invalid(api.get("/api/market/fills?limit=1000"));
    invalid(api.get("/api/market/fills?before=zero"));
  }

  @Test
  @DisplayName("portfolio, leaderboard and watchlist")
  void traderViews() {
    anonymous.get("/api/market/portfolio").expectProblem(401, "unauthorized");
    // day, week, month and all are periods; anything else is refused
    invalid(anonymous.get("/api/market/leaderboard?period=fortnight"));
    invalid(anonymous.get("/api/market/leaderboard?day=someday"));
    anonymous.get("/api/market/leaderboard?day=2999-01-01").expectProblem(422, "day_out_of_range");
    anonymous
        .send("PUT", "/api/market/watchlist/" + symbol, null, null)
        .expectProblem(401, "unauthorized");
    invalid(trader.api().send("PUT", "/api/market/watchlist/lower", null, null));
    trader
        .api()
        .send("PUT", "/api/market/watchlist/NOSUCH6", null, null)
        .expectProblem(404, "instrument_not_found");
    anonymous.get("/api/market/watchlist").expectProblem(401, "unauthorized");
  }
}
