package io.showfloor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Market scenarios over HTTP: a listed and approved instrument, traders with cash, orders. Every
 * call goes through the public API; only user creation is a shortcut (see {@link Users}).
 */
public final class MarketFixture {
  private static final AtomicInteger SYMBOLS =
      new AtomicInteger((int) (System.nanoTime() % 100_000));

  private MarketFixture() {}

  /** A fresh symbol no other test uses. */
  public static String symbol(String prefix) {
    return prefix + SYMBOLS.incrementAndGet();
  }

  /**
   * A seller's listing, approved off the daily schedule so tests drive the phases by hand. Starts
   * closed.
   */
  public static Listing listed(String prefix, JsonObject extra) {
    TestUser seller = Users.create("seller");
    String symbol = symbol(prefix);
    JsonObject body =
        new JsonObject().put("symbol", symbol).put("name", "Test item " + symbol).mergeIn(extra);
    seller.api().post("/api/market/instruments", body).expect(201);
    JsonObject approval = new JsonObject().put("followsSchedule", false);
    LedgerCheck.admin()
        .api()
        .post("/api/market/instruments/" + symbol + "/approve", approval)
        .expect(200);
    return new Listing(symbol, seller);
  }

  public static Listing listed(String prefix) {
    return listed(prefix, new JsonObject());
  }

  public static JsonObject phase(String symbol, String phase) {
    return LedgerCheck.admin()
        .api()
        .post("/api/market/instruments/" + symbol + "/phase", new JsonObject().put("phase", phase))
        .expect(200)
        .json();
  }

  /** A verified trader holding {@code cents} of wallet cash (a sandbox deposit). */
  public static TestUser trader(long cents) {
    TestUser user = Users.create();
    if (cents > 0) {
      user.api()
          .post("/api/wallet/deposits", new JsonObject().put("amountCents", cents))
          .expect(201);
    }
    return user;
  }

  public static JsonObject limit(String symbol, String side, long priceCents, long quantity) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", "limit")
        .put("priceCents", priceCents)
        .put("quantity", quantity)
        .put("timeInForce", "GTC");
  }

  public static JsonObject market(String symbol, String side, long quantity) {
    return new JsonObject()
        .put("symbol", symbol)
        .put("side", side)
        .put("type", "market")
        .put("quantity", quantity)
        .put("timeInForce", "GTC");
  }

  /** Places an order and expects it accepted (201): {@code {order, fills}}. */
  public static JsonObject place(TestUser trader, JsonObject order) {
    return trader.api().post("/api/market/orders", order).expect(201).json();
  }

  public static JsonObject portfolio(TestUser trader) {
    return trader.api().get("/api/market/portfolio").expect(200).json();
  }

  public static JsonObject holding(TestUser trader, String symbol) {
    for (Object item : portfolio(trader).getJsonArray("holdings")) {
      JsonObject holding = (JsonObject) item;
      if (symbol.equals(holding.getString("symbol"))) {
        return holding;
      }
    }
    return new JsonObject()
        .put("shares", 0L)
        .put("lockedShares", 0L)
        .put("costBasisCents", 0L)
        .put("realizedPnlCents", 0L);
  }

  /** Spendable cash as the portfolio shows it. */
  public static long cash(TestUser trader) {
    return portfolio(trader).getLong("cashCents");
  }

  /** Asserts spendable and locked cash to the cent. */
  public static void assertCash(TestUser trader, long spendable, long locked) {
    JsonObject portfolio = portfolio(trader);
    assertEquals(
        spendable,
        portfolio.getLong("cashCents"),
        "spendable cash of user " + trader.id() + ": " + portfolio);
    assertEquals(
        locked,
        portfolio.getLong("lockedCashCents"),
        "locked cash of user " + trader.id() + ": " + portfolio);
  }

  /**
   * Asserts the holds reconciliation finds nothing (GET /api/admin/market/reconciliation): every
   * book owner's memory of what open orders hold matches the committed orders, every trader's cash
   * covers their holds, and no market escrow balance is left.
   */
  public static void assertHoldsReconciled() {
    JsonObject check =
        LedgerCheck.admin().api().get("/api/admin/market/reconciliation").expect(200).json();
    assertEquals(
        new io.vertx.core.json.JsonArray(),
        check.getJsonArray("differences"),
        "holds reconciliation: " + check.encodePrettily());
  }

  public static JsonObject book(String symbol) {
    return TestNode.api().get("/api/market/instruments/" + symbol + "/book").expect(200).json();
  }

  public record Listing(String symbol, TestUser seller) {}
}
