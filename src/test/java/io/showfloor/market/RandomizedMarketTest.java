package io.showfloor.market;

import static io.showfloor.testing.MarketFixture.limit;
import static io.showfloor.testing.MarketFixture.listed;
import static io.showfloor.testing.MarketFixture.market;
import static io.showfloor.testing.MarketFixture.phase;
import static io.showfloor.testing.MarketFixture.trader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.showfloor.market.engine.TradeFee;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.MarketFixture.Listing;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of random orders (limit, market, stop, take-profit, trailing stop, one-cancels-other
 * pairs, brackets, GTD), cancels, cancel-alls, amends of price and quantity and phase moves from
 * several traders at once (so the owner batches them), then every invariant the market promises,
 * checked against the database and the public API.
 */
@DisplayName("Random trading keeps cash, shares, escrow and the book consistent")
class RandomizedMarketTest {
  private static final long DEPOSIT = 2_000_000;
  private static final int TRADERS = 6;
  private static final int ROUNDS = 400;
  private static final Set<Integer> ACCEPTABLE = Set.of(200, 201, 409, 422, 429);

  @Test
  @DisplayName(
      "after 400 random commands from 7 traders in parallel, nothing is created, lost or overfilled")
  void randomTrading() throws Exception {
    Listing listing = listed("RND");
    String symbol = listing.symbol();
    phase(symbol, "continuous");
    List<TestUser> traders = new ArrayList<>();
    traders.add(listing.seller());
    for (int i = 0; i < TRADERS; i++) {
      traders.add(trader(DEPOSIT));
    }
    long feesBefore = LedgerCheck.balance("platform:fees");
    // everyone starts with shares to sell: the seller sells 100 to each trader at the reference
    // price
    MarketFixture.place(listing.seller(), limit(symbol, "sell", 10_000, 100L * TRADERS));
    for (TestUser trader : traders.subList(1, traders.size())) {
      MarketFixture.place(trader, limit(symbol, "buy", 10_000, 100));
    }
    ConcurrentLinkedQueue<Long> orderIds = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    String[] phases = {
      "continuous",
      "closing_auction",
      "closed",
      "pre_open",
      "opening_auction",
      "continuous",
      "halted",
      "continuous"
    };
    int phaseStep = 0;
    try {
      for (int round = 0; round < ROUNDS; round += 40) {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          long seed = round * 1_000L + i;
          sent.add(
              pool.submit(() -> command(new Random(seed), symbol, traders, orderIds, unexpected)));
        }
        for (Future<?> f : sent) {
          f.get(60, TimeUnit.SECONDS);
        }
        checkBookNotCrossed(symbol);
        if (round % 80 == 40) {
          phase(symbol, phases[phaseStep++ % phases.length]);
          checkBookNotCrossed(symbol);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
    phase(symbol, "continuous");

    var db = TestNode.get().platform().db();
    // shares: nothing created or lost, locked shares are exactly the open sells (a
    // one-cancels-other
    // pair's shares once, on its first leg while both are open)
    Row shares =
        db.one(
                "SELECT SUM(shares) AS total FROM market_holdings WHERE symbol = $1",
                Tuple.of(symbol))
            .await();
    assertEquals(1_000, shares.getLong("total"));
    for (Row row :
        db.query(
                """
        SELECT h.user_id, h.locked_shares, COALESCE(o.open, 0) AS open FROM market_holdings h
        LEFT JOIN (SELECT user_id, SUM(quantity - filled_quantity) AS open FROM market_orders
                   WHERE symbol = $1 AND side = 'sell' AND status IN ('active', 'partial')
                     AND NOT EXISTS (SELECT 1 FROM market_orders f WHERE f.oco_group_id = market_orders.oco_group_id
                                     AND f.id < market_orders.id AND f.status IN ('active', 'partial'))
                   GROUP BY user_id) o
          ON o.user_id = h.user_id
        WHERE h.symbol = $1""",
                Tuple.of(symbol))
            .await()) {
      assertEquals(
          row.getLong("open"),
          row.getLong("locked_shares"),
          "locked shares of user " + row.getLong("user_id"));
    }
    // orders: fills add up, nothing overfilled, ended orders hold no cash, open buys hold exactly
    // their need
    for (Row row :
        db.query(
                """
        SELECT o.id, o.side, o.type, o.quantity, o.filled_quantity, o.filled_value_cents, o.fee_cents, o.status,
          o.locked_cents, o.escrow_price_cents, EXISTS (SELECT 1 FROM market_orders s WHERE s.oco_group_id = o.oco_group_id
            AND s.id <> o.id AND s.status IN ('active', 'partial')) AS linked, COALESCE(SUM(t.quantity), 0) AS traded, COALESCE(SUM(t.value_cents), 0) AS value,
          COALESCE(SUM(CASE WHEN o.side = 'buy' THEN t.buyer_fee_cents ELSE t.seller_fee_cents END), 0) AS fees
        FROM market_orders o LEFT JOIN market_trades t ON t.buy_order_id = o.id OR t.sell_order_id = o.id
        WHERE o.symbol = $1 GROUP BY o.id""",
                Tuple.of(symbol))
            .await()) {
      long id = row.getLong("id");
      assertTrue(
          row.getLong("filled_quantity") <= row.getLong("quantity"), "order " + id + " overfilled");
      assertEquals(row.getLong("traded"), row.getLong("filled_quantity"), "order " + id + " fills");
      assertEquals(
          row.getLong("value"), row.getLong("filled_value_cents"), "order " + id + " value");
      assertEquals(row.getLong("fees"), row.getLong("fee_cents"), "order " + id + " fees");
      if ("sell".equals(row.getString("side"))) {
        assertEquals(
            TradeFee.ofValue(row.getLong("value"), 200),
            row.getLong("fees"),
            "order " + id + " fee rounding");
      }
      boolean open = Set.of("active", "partial").contains(row.getString("status"));
      if (!open || "sell".equals(row.getString("side"))) {
        assertEquals(0, row.getLong("locked_cents"), "order " + id + " still locks cash");
      } else {
        long openShares = row.getLong("quantity") - row.getLong("filled_quantity");
        long need = row.getLong("escrow_price_cents") * openShares;
        if (row.getBoolean("linked")) {
          // a buy pair locks the larger need once, on the leg that needs it
          assertTrue(
              row.getLong("locked_cents") == 0 || row.getLong("locked_cents") == need,
              "order " + id + " lock as a leg of a pair");
        } else {
          assertEquals(need, row.getLong("locked_cents"), "order " + id + " lock");
        }
      }
    }
    // cash: holds are no ledger movement (no escrow balance); what the portfolio shows as locked
    // is the sum of the open buys' holds, and cash + locked is the ledger's cash; cash + fees is
    // what was deposited
    MarketFixture.assertHoldsReconciled();
    long everyone = 0;
    for (TestUser trader : traders) {
      assertEquals(0, LedgerCheck.balance("user:" + trader.id() + ":escrow"));
      long locked =
          db.one(
                  "SELECT COALESCE(SUM(locked_cents), 0) AS locked FROM market_orders WHERE user_id = $1",
                  Tuple.of(trader.id()))
              .await()
              .getLong("locked");
      JsonObject portfolio = MarketFixture.portfolio(trader);
      assertEquals(locked, portfolio.getLong("lockedCashCents"), "holds of user " + trader.id());
      assertEquals(
          LedgerCheck.balance("user:" + trader.id() + ":cash"),
          portfolio.getLong("cashCents") + portfolio.getLong("lockedCashCents"),
          "cash of user " + trader.id());
      everyone += portfolio.getLong("cashCents") + portfolio.getLong("lockedCashCents");
    }
    long fees = LedgerCheck.balance("platform:fees") - feesBefore;
    long tradeFees =
        db.one(
                "SELECT COALESCE(SUM(buyer_fee_cents + seller_fee_cents), 0) AS f FROM market_trades WHERE symbol = $1",
                Tuple.of(symbol))
            .await()
            .getLong("f");
    assertEquals(tradeFees, fees);
    assertEquals(TRADERS * DEPOSIT, everyone + fees, "cash + fees must equal the deposits");
    assertTrue(
        orderIds.size() > ROUNDS / 3,
        "most commands should have placed orders: " + orderIds.size());

    // the book in memory is the book in the database, and a rebuild changes nothing
    JsonObject book = depth(symbol);
    assertEquals(
        bookFromDatabase(symbol),
        new JsonObject()
            .put("bids", book.getJsonArray("bids"))
            .put("asks", book.getJsonArray("asks")));
    LedgerCheck.admin().api().post("/api/market/instruments/" + symbol + "/rebuild").expect(200);
    assertEquals(book, depth(symbol));
    LedgerCheck.assertBalanced();
    MarketFixture.assertHoldsReconciled();
  }

  private static void command(
      Random random,
      String symbol,
      List<TestUser> traders,
      ConcurrentLinkedQueue<Long> orderIds,
      ConcurrentLinkedQueue<String> unexpected) {
    TestUser trader = traders.get(random.nextInt(traders.size()));
    Api api = trader.api();
    int kind = random.nextInt(10);
    Api.Response response;
    if (kind < 2 && !orderIds.isEmpty()) {
      Long id = pick(random, orderIds);
      // an amend: a new quantity, a new price (which requeues and may trade), or both
      JsonObject amend = new JsonObject();
      int what = random.nextInt(3);
      if (what != 1) {
        amend.put("quantity", 1 + random.nextInt(30));
      }
      if (what != 0) {
        amend.put("priceCents", 9_000 + 10L * random.nextInt(201));
      }
      response =
          random.nextBoolean()
              ? api.delete("/api/market/orders/" + id)
              : api.patch("/api/market/orders/" + id, amend);
      if (response.status() == 404) {
        return; // someone else's order: refused as it must be
      }
    } else if (kind == 2 && random.nextInt(10) == 0) {
      response = api.delete("/api/market/orders?symbol=" + symbol);
    } else {
      String side = random.nextBoolean() ? "buy" : "sell";
      long quantity = 1 + random.nextInt(30);
      JsonObject order =
          random.nextInt(8) == 0
              ? market(symbol, side, quantity)
              : limit(symbol, side, 9_000 + 10L * random.nextInt(201), quantity);
      String[] tifs = {"GTC", "GTC", "DAY", "IOC", "FOK", "GTD"};
      String tif = tifs[random.nextInt(tifs.length)];
      if (random.nextInt(5) == 0) {
        // a stop or take-profit (many land on the wrong side of the last price: 422)
        String[] types = {"stop_market", "stop_limit", "take_profit"};
        String type = types[random.nextInt(types.length)];
        order =
            limit(symbol, side, 9_000 + 10L * random.nextInt(201), quantity)
                .put("type", type)
                .put("stopPriceCents", 9_500 + 10L * random.nextInt(101));
        if (!type.equals("stop_limit")) {
          order.remove("priceCents");
        }
        tif = random.nextBoolean() ? "GTC" : "GTD";
      }
      int linked = random.nextInt(12);
      long price = 9_500 + 10L * random.nextInt(101);
      if (linked == 0) {
        // a one-cancels-other pair: a limit and a stop on the same side (many stops 422)
        order =
            limit(symbol, side, price, quantity)
                .put(
                    "oco",
                    new JsonObject()
                        .put("type", random.nextBoolean() ? "stop_market" : "trailing_stop")
                        .put("stopPriceCents", 9_500 + 10L * random.nextInt(101)));
        JsonObject leg = order.getJsonObject("oco");
        if (leg.getString("type").equals("trailing_stop")) {
          leg.remove("stopPriceCents");
          leg.put("trailCents", 50 + 10L * random.nextInt(30));
        }
        tif = random.nextBoolean() ? "GTC" : "GTD";
      } else if (linked == 1) {
        order =
            new JsonObject()
                .put("symbol", symbol)
                .put("side", side)
                .put("type", "trailing_stop")
                .put("quantity", quantity)
                .put(
                    random.nextBoolean() ? "trailCents" : "trailBps",
                    20 + 10L * random.nextInt(30));
        tif = random.nextBoolean() ? "GTC" : "DAY";
      } else if (linked == 2) {
        // a bracket: its children go live when the entry ends having filled
        order =
            (random.nextInt(4) == 0
                    ? market(symbol, "buy", quantity)
                    : limit(symbol, "buy", price, quantity))
                .put(
                    "bracket",
                    new JsonObject()
                        .put("stopPriceCents", price - 100 - 10L * random.nextInt(20))
                        .put("targetPriceCents", price + 100 + 10L * random.nextInt(20)));
        tif = random.nextBoolean() ? "GTC" : "IOC";
      }
      order.put("timeInForce", tif);
      if (tif.equals("GTD")) {
        // some expire during the run, in batches of their own
        order.put(
            "expiresAt", java.time.Instant.now().plusSeconds(1 + random.nextInt(30)).toString());
      }
      response = api.post("/api/market/orders", order);
      if (response.status() == 201) {
        orderIds.add(response.json().getJsonObject("order").getLong("id"));
        JsonArray others = response.json().getJsonArray("linkedOrders", new JsonArray());
        others.forEach(other -> orderIds.add(((JsonObject) other).getLong("id")));
      }
    }
    if (!ACCEPTABLE.contains(response.status())) {
      unexpected.add(response.call() + " -> " + response.status() + " " + response.body());
    }
  }

  private static Long pick(Random random, ConcurrentLinkedQueue<Long> ids) {
    Long[] all = ids.toArray(Long[]::new);
    return all[random.nextInt(all.length)];
  }

  private static JsonObject depth(String symbol) {
    JsonObject book =
        TestNode.api()
            .get("/api/market/instruments/" + symbol + "/book?depth=50")
            .expect(200)
            .json();
    book.remove("serverTime");
    return book;
  }

  private static void checkBookNotCrossed(String symbol) {
    JsonObject book = depth(symbol);
    if (!"continuous".equals(book.getString("phase"))) {
      return;
    }
    JsonArray bids = book.getJsonArray("bids");
    JsonArray asks = book.getJsonArray("asks");
    if (!bids.isEmpty()
        && !asks.isEmpty()
        && bids.getJsonObject(0).getLong("priceCents")
            >= asks.getJsonObject(0).getLong("priceCents")) {
      fail("continuous book crossed: " + book.encode());
    }
  }

  private static JsonObject bookFromDatabase(String symbol) {
    JsonObject book = new JsonObject();
    for (String side : List.of("buy", "sell")) {
      JsonArray levels = new JsonArray();
      for (Row row :
          TestNode.get()
              .platform()
              .db()
              .query(
                  """
          SELECT price_cents, SUM(quantity - filled_quantity) AS quantity, COUNT(*) AS orders FROM market_orders
          WHERE symbol = $1 AND side = $2 AND status IN ('active', 'partial')
            AND (type = 'limit' OR (type = 'stop_limit' AND triggered_at IS NOT NULL))
          GROUP BY price_cents ORDER BY price_cents"""
                      + ("buy".equals(side) ? " DESC" : "")
                      + " LIMIT 50",
                  Tuple.of(symbol, side))
              .await()) {
        levels.add(
            new JsonObject()
                .put("priceCents", row.getLong("price_cents"))
                .put("quantity", row.getLong("quantity"))
                .put("orders", row.getLong("orders").intValue()));
      }
      book.put("buy".equals(side) ? "bids" : "asks", levels);
    }
    return book;
  }
}
