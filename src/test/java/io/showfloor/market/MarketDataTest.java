package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.place;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.TestSocket;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Market data: tape, candles, ticker, depth, live events and snapshots")
class MarketDataTest {
  private final Api api = TestNode.api();
  private final List<JsonObject> publicFrames = new CopyOnWriteArrayList<>();
  private final List<JsonObject> buyerFrames = new CopyOnWriteArrayList<>();
  private final List<MessageConsumer<JsonObject>> consumers = new CopyOnWriteArrayList<>();
  private Listing listing;
  private String symbol;
  private TestUser buyer;

  @BeforeEach
  void threeTrades() {
    listing = listed("MKD");
    symbol = listing.symbol();
    buyer = trader(200_000);
    var bus = TestNode.get().vertx().eventBus();
    consumers.add(
        bus.<JsonObject>consumer("topic.market." + symbol, m -> publicFrames.add(m.body())));
    consumers.add(
        bus.<JsonObject>consumer("topic.user." + buyer.id(), m -> buyerFrames.add(m.body())));
    consumers.forEach(c -> c.completion().await());
    phase(symbol, "continuous");
    place(listing.seller(), limit(symbol, "sell", 10_000, 2));
    place(buyer, limit(symbol, "buy", 10_000, 2));
    place(listing.seller(), limit(symbol, "sell", 10_100, 3));
    place(buyer, limit(symbol, "buy", 10_100, 3));
    place(buyer, limit(symbol, "buy", 9_900, 4));
    place(listing.seller(), limit(symbol, "sell", 9_900, 1));
    place(listing.seller(), limit(symbol, "sell", 10_300, 5));
  }

  @AfterEach
  void cleanUp() {
    consumers.forEach(c -> c.unregister().await());
    LedgerCheck.assertBalanced();
  }

  @Test
  @DisplayName(
      "the ticker shows last price, change against the reference, best bid and ask and the day's range")
  void ticker() {
    JsonObject ticker = api.get("/api/market/instruments/" + symbol + "/ticker").expect(200).json();
    assertEquals(9_900, ticker.getLong("lastPriceCents"));
    assertEquals(10_000, ticker.getLong("referencePriceCents"));
    assertEquals(-100, ticker.getLong("changeCents"));
    assertEquals(-100, ticker.getLong("changeBps"));
    assertEquals(-1.0, ticker.getDouble("changePercent"));
    assertEquals(9_900, ticker.getLong("bestBidCents"));
    assertEquals(10_300, ticker.getLong("bestAskCents"));
    assertEquals(6, ticker.getLong("dayVolume"));
    assertEquals(10_100, ticker.getLong("dayHighCents"));
    assertEquals(9_900, ticker.getLong("dayLowCents"));
    assertEquals(
        9_900, api.get("/api/market/instruments/" + symbol).json().getLong("lastPriceCents"));
  }

  @Test
  @DisplayName("the tape lists trades newest first, page by page, with the aggressor's side")
  void tape() {
    JsonObject first =
        api.get("/api/market/instruments/" + symbol + "/trades?limit=2").expect(200).json();
    JsonArray items = first.getJsonArray("items");
    assertEquals(2, items.size());
    assertEquals(9_900, items.getJsonObject(0).getLong("priceCents"));
    assertEquals("sell", items.getJsonObject(0).getString("aggressor"));
    assertEquals("buy", items.getJsonObject(1).getString("aggressor"));
    long next = first.getLong("nextBefore");
    JsonObject second =
        api.get("/api/market/instruments/" + symbol + "/trades?limit=2&before=" + next)
            .expect(200)
            .json();
    assertEquals(1, second.getJsonArray("items").size());
    assertEquals(10_000, second.getJsonArray("items").getJsonObject(0).getLong("priceCents"));
    assertNull(second.getValue("nextBefore"));
  }

  @Test
  @DisplayName("candles aggregate the trades: open, high, low, close and volume in every interval")
  void candles() {
    for (String interval : List.of("1m", "5m", "1h", "1d")) {
      JsonArray candles =
          api.get("/api/market/instruments/" + symbol + "/candles?interval=" + interval)
              .expect(200)
              .json()
              .getJsonArray("candles");
      assertTrue(!candles.isEmpty() && candles.size() <= 2, interval + ": " + candles.encode());
      long volume = 0;
      long high = 0;
      long low = Long.MAX_VALUE;
      for (Object c : candles) {
        JsonObject candle = (JsonObject) c;
        volume += candle.getLong("volume");
        high = Math.max(high, candle.getLong("highCents"));
        low = Math.min(low, candle.getLong("lowCents"));
      }
      assertEquals(6, volume, interval);
      assertEquals(10_100, high, interval);
      assertEquals(9_900, low, interval);
      assertEquals(10_000, candles.getJsonObject(0).getLong("openCents"), interval);
      assertEquals(
          9_900, candles.getJsonObject(candles.size() - 1).getLong("closeCents"), interval);
    }
  }

  @Test
  @DisplayName("depth is aggregated per price and limited to the asked number of levels")
  void depth() {
    place(listing.seller(), limit(symbol, "sell", 10_300, 2));
    place(listing.seller(), limit(symbol, "sell", 10_400, 1));
    JsonObject book =
        api.get("/api/market/instruments/" + symbol + "/book?depth=1").expect(200).json();
    assertEquals(1, book.getJsonArray("asks").size());
    assertEquals(
        new JsonObject().put("priceCents", 10_300).put("quantity", 7).put("orders", 2),
        book.getJsonArray("asks").getJsonObject(0));
    assertEquals(
        2,
        api.get("/api/market/instruments/" + symbol + "/book").json().getJsonArray("asks").size());
  }

  @Test
  @DisplayName(
      "trades, book and ticker changes go to market:<symbol>; order updates and fills to the trader's me topic")
  void liveEvents() {
    JsonArray trades = awaitFrames(publicFrames, f -> "trade".equals(f.getString("type")), 3);
    assertEquals(java.util.Set.of(10_000L, 10_100L, 9_900L), prices(trades));
    // the last batch rested the ask at 10,300: its book update is the one with the highest sequence
    // number
    awaitFrames(
        publicFrames,
        f ->
            "book.update".equals(f.getString("type"))
                && f.getJsonObject("data").getJsonArray("asks").encode().contains("10300"),
        1);
    JsonObject lastBook =
        last(awaitFrames(publicFrames, f -> "book.update".equals(f.getString("type")), 1));
    assertEquals(
        10_300,
        lastBook.getJsonObject("data").getJsonArray("asks").getJsonObject(0).getLong("priceCents"));
    awaitFrames(
        publicFrames,
        f ->
            "ticker".equals(f.getString("type"))
                && Long.valueOf(10_300).equals(f.getJsonObject("data").getLong("bestAskCents")),
        1);
    JsonObject lastTicker =
        last(awaitFrames(publicFrames, f -> "ticker".equals(f.getString("type")), 1));
    assertEquals(9_900, lastTicker.getJsonObject("data").getLong("lastPriceCents"));
    assertEquals(10_300, lastTicker.getJsonObject("data").getLong("bestAskCents"));
    assertEquals("market:" + symbol, lastTicker.getString("topic"));
    assertEquals(
        publicFrames.size(),
        publicFrames.stream().map(f -> f.getLong("seq")).distinct().count(),
        "every frame of a topic has its own sequence number");
    JsonArray fills = awaitFrames(buyerFrames, f -> "fill".equals(f.getString("type")), 3);
    assertEquals(java.util.Set.of(10_000L, 10_100L, 9_900L), prices(fills));
    awaitFrames(
        buyerFrames,
        f ->
            "order.update".equals(f.getString("type"))
                && "partial".equals(f.getJsonObject("data").getString("status")),
        1);
  }

  @Test
  @DisplayName(
      "snapshot.market answers with the instrument, book, ticker and latest trades; an unknown symbol fails with 404")
  void snapshot() {
    var bus = TestNode.get().vertx().eventBus();
    JsonObject snapshot =
        bus.<JsonObject>request(
                "snapshot.market", new JsonObject().put("id", symbol).put("userId", 0))
            .await()
            .body();
    assertEquals(symbol, snapshot.getJsonObject("instrument").getString("symbol"));
    assertEquals(
        9_900,
        snapshot.getJsonObject("book").getJsonArray("bids").getJsonObject(0).getLong("priceCents"));
    assertEquals(6, snapshot.getJsonObject("ticker").getLong("dayVolume"));
    assertEquals(3, snapshot.getJsonArray("trades").size());
    try {
      bus.request("snapshot.market", new JsonObject().put("id", "NOSUCH9").put("userId", 0))
          .await();
      throw new AssertionError("an unknown symbol must fail");
    } catch (ReplyException e) {
      assertEquals(404, e.failureCode());
    }
  }

  @Test
  @DisplayName(
      "over the WebSocket: a market:<symbol> subscription starts with a snapshot, then trades and book updates; me carries fills")
  void overWebSocket() {
    try (TestSocket ws = TestSocket.open(TestNode.get().port())) {
      ws.auth(buyer.accessToken());
      JsonObject snapshot = ws.subscribe("market:" + symbol);
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals(
          9_900,
          snapshot
              .getJsonObject("data")
              .getJsonObject("book")
              .getJsonArray("bids")
              .getJsonObject(0)
              .getLong("priceCents"));
      assertEquals(3, snapshot.getJsonObject("data").getJsonArray("trades").size());
      assertEquals("snapshot", ws.subscribe("me").getString("type"));

      place(listing.seller(), limit(symbol, "sell", 9_900, 2));
      // one batch's events go out together, so they may arrive in any order among themselves
      java.util.Map<String, JsonObject> byType = new java.util.HashMap<>();
      while (!byType.keySet().containsAll(List.of("trade", "fill", "book.update", "ticker"))) {
        JsonObject frame = ws.next();
        byType.put(frame.getString("type"), frame);
      }
      JsonObject trade = byType.get("trade");
      assertEquals("market:" + symbol, trade.getString("topic"));
      assertEquals(9_900, trade.getJsonObject("data").getLong("priceCents"));
      assertEquals(2, trade.getJsonObject("data").getLong("quantity"));
      assertEquals("me", byType.get("fill").getString("topic"));
      assertEquals("buy", byType.get("fill").getJsonObject("data").getString("side"));
      assertEquals(
          1,
          byType
              .get("book.update")
              .getJsonObject("data")
              .getJsonArray("bids")
              .getJsonObject(0)
              .getLong("quantity"));
      // private order updates of that batch may still be on their way: skip to the answer
      ws.send(new JsonObject().put("op", "subscribe").put("topic", "market:NOSUCH7"));
      JsonObject unknown = ws.nextMatching(f -> "error".equals(f.getString("type")));
      assertEquals("market:NOSUCH7", unknown.getString("topic"), unknown.encode());
    }
  }

  private static java.util.Set<Long> prices(JsonArray frames) {
    java.util.Set<Long> prices = new java.util.HashSet<>();
    frames.forEach(f -> prices.add(((JsonObject) f).getJsonObject("data").getLong("priceCents")));
    return prices;
  }

  /** The frame with the highest sequence number: the latest state. */
  private static JsonObject last(JsonArray frames) {
    JsonObject latest = frames.getJsonObject(0);
    for (Object f : frames) {
      if (((JsonObject) f).getLong("seq") > latest.getLong("seq")) {
        latest = (JsonObject) f;
      }
    }
    return latest;
  }

  /** Events are published after the reply; poll briefly until enough have arrived. */
  private static JsonArray awaitFrames(
      List<JsonObject> frames, Predicate<JsonObject> which, int atLeast) {
    long deadline = System.currentTimeMillis() + 5_000;
    while (true) {
      JsonArray found = new JsonArray();
      frames.stream().filter(which).forEach(found::add);
      if (found.size() >= atLeast) {
        return found;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "expected " + atLeast + " frames, got " + found.size() + " among " + frames);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
