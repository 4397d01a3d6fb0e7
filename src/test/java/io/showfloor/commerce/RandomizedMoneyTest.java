package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.showfloor.market.engine.TradeFee;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.Sales;
import io.showfloor.testing.Shop;
import io.showfloor.testing.StripeFake;
import io.showfloor.testing.StripeNode;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Money in, around and out, at random: sandbox card deposits, limit and market orders between
 * several traders on one instrument, cancels, card purchases (sandbox and Stripe), seller refunds,
 * return requests, Stripe disputes (signed webhooks, won and lost) and withdrawals, all over HTTP.
 * After every step the ledger must balance and every user's wallet (available and locked), what
 * they may withdraw, their shares and every seller's payable must equal what this test's own model
 * says, to the cent. The model matches orders itself (price-time priority, trades at the resting
 * price, the seller pays 2% per order rounded half up on its running value), so it checks the
 * market's fills too. Run again with {@code -Dmoney.seed=N} to repeat a failure.
 */
@DisplayName(
    "A random mix of deposits, trades, purchases, refunds, disputes and withdrawals keeps every cent where the model says")
@ExtendWith(StripeNode.PerClass.class)
class RandomizedMoneyTest {
  private static final int STEPS = 150;
  private static final long SETTLEMENT_SECONDS = 72 * 3600L + 60;
  private static final long MINIMUM_WITHDRAWAL = 500;
  private static final long DAILY_LIMIT = 2_500_000;
  private static final long BAND_TOP = 12_000;

  private final StripeFake stripe = StripeNode.fake();
  private final Map<Long, Person> people = new LinkedHashMap<>();
  private final List<Person> traders = new ArrayList<>();
  private final List<Resting> book = new ArrayList<>();
  private final List<Sale> sales = new ArrayList<>();
  private final List<long[]> products = new ArrayList<>(); // {id, price, shipping}
  private Random random = new Random();
  private String symbol = "";
  private Person goodsSeller = new Person(null);
  private final List<Person> buyers = new ArrayList<>();
  private long sequence;
  private final Map<String, Integer> tally = new java.util.TreeMap<>();

  /** What the model says one person has. */
  private static final class Person {
    final TestUser user;
    long cash;
    long locked;
    long unsettledDeposits;
    long withdrawnToday;
    long shares;
    long lockedShares;
    long payable;

    Person(TestUser user) {
      this.user = user;
    }

    long withdrawable() {
      return Math.max(0, Math.min(cash - unsettledDeposits, DAILY_LIMIT - withdrawnToday));
    }
  }

  /** An order resting on the book, as the model sees it. */
  private static final class Resting {
    final long id;
    final Person owner;
    final boolean buy;
    final long price;
    final long seq;
    long remaining;
    long tradedValue;

    Resting(long id, Person owner, boolean buy, long price, long remaining, long seq) {
      this.id = id;
      this.owner = owner;
      this.buy = buy;
      this.price = price;
      this.remaining = remaining;
      this.seq = seq;
    }
  }

  /** A card purchase of one order, and where its money stands. */
  private static final class Sale {
    final long orderId;
    final long totalCents;
    final long net;
    final boolean stripe;
    final String intent;
    final Person buyer;
    boolean refunded;
    boolean disputed;
    boolean disputeOpen;
    JsonObject dispute = new JsonObject();

    Sale(long orderId, long totalCents, long net, boolean stripe, String intent, Person buyer) {
      this.orderId = orderId;
      this.totalCents = totalCents;
      this.net = net;
      this.stripe = stripe;
      this.intent = intent;
      this.buyer = buyer;
    }
  }

  @Test
  @DisplayName(
      "after each of 150 random steps the ledger balances and every wallet, holding and payable matches the model")
  void randomMoney() {
    long seed = Long.getLong("money.seed", System.nanoTime());
    random = new Random(seed);
    long started = System.nanoTime();
    setUp();
    String step = "set-up";
    try {
      check(true);
      for (int i = 0; i < STEPS; i++) {
        step = "step " + i + ": " + step();
        boolean market =
            step.contains("limit") || step.contains("market") || step.contains("cancels");
        tally.merge(
            step.contains("skipped") ? "skipped" : step.contains("refused") ? "refused" : "done",
            1,
            Integer::sum);
        check(market);
      }
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "RandomizedMoneyTest failed with -Dmoney.seed="
              + seed
              + " at "
              + step
              + ": "
              + e.getMessage(),
          e);
    }
    System.out.printf(
        "RandomizedMoneyTest: %d steps, seed %d, %s, %.1f s%n",
        STEPS, seed, tally, (System.nanoTime() - started) / 1e9);
  }

  private void setUp() {
    MarketFixture.Listing listing = MarketFixture.listed("RM");
    symbol = listing.symbol();
    MarketFixture.phase(symbol, "continuous");
    Person issuer = person(listing.seller());
    issuer.shares = 1000;
    traders.add(issuer);
    for (int i = 0; i < 3; i++) {
      traders.add(person(Users.create()));
    }
    goodsSeller = person(Users.create("seller"));
    for (int i = 0; i < 2; i++) {
      buyers.add(person(Users.create()));
    }
    for (int i = 0; i < 4; i++) {
      long price = 500 + random.nextInt(20_000);
      long shipping = random.nextBoolean() ? 0 : random.nextInt(800);
      products.add(new long[] {Sales.product(goodsSeller.user, price, shipping), price, shipping});
    }
    // the first step gives everyone something to trade with
    for (Person trader : traders.subList(1, traders.size())) {
      deposit(trader, 200_000 + random.nextInt(200_000));
    }
  }

  private Person person(TestUser user) {
    Person p = new Person(user);
    people.put(user.id(), p);
    return p;
  }

  private String step() {
    int roll = random.nextInt(100);
    if (roll < 10) {
      return deposit(pick(traders.subList(1, traders.size())), 1_000 + random.nextInt(100_000));
    }
    if (roll < 14) {
      return settle(pick(traders));
    }
    if (roll < 44) {
      return limitOrder();
    }
    if (roll < 52) {
      return marketOrder();
    }
    if (roll < 58) {
      return cancel();
    }
    if (roll < 70) {
      return purchase();
    }
    if (roll < 75) {
      return sellerRefund();
    }
    if (roll < 80) {
      return returnRequest();
    }
    if (roll < 88) {
      return dispute();
    }
    return withdrawal();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  // ---- wallet ----

  private String deposit(Person p, long cents) {
    p.user
        .api()
        .post("/api/wallet/deposits", new JsonObject().put("amountCents", cents))
        .expect(201);
    p.cash += cents;
    p.unsettledDeposits += cents;
    return "user " + p.user.id() + " deposits " + cents;
  }

  /**
   * Three days pass for one user's card deposits (the database clock decides the settlement
   * window).
   */
  private String settle(Person p) {
    TestNode.get()
        .platform()
        .db()
        .query(
            """
        UPDATE wallet_deposits SET completed_at = completed_at - make_interval(secs => $2)
        WHERE user_id = $1 AND completed_at > now() - make_interval(secs => $2)""",
            Tuple.of(p.user.id(), (double) SETTLEMENT_SECONDS))
        .await();
    p.unsettledDeposits = 0;
    return "user " + p.user.id() + "'s deposits settle";
  }

  private String withdrawal() {
    List<Person> able =
        people.values().stream().filter(p -> p.withdrawable() >= MINIMUM_WITHDRAWAL).toList();
    if (able.isEmpty()) {
      Person p = pick(traders);
      withdraw(p, Math.max(MINIMUM_WITHDRAWAL, p.withdrawable() + 1))
          .expectProblem(422, "insufficient_funds");
      return "user " + p.user.id() + " cannot withdraw more than " + p.withdrawable();
    }
    Person p = pick(able);
    if (random.nextInt(5) == 0) {
      withdraw(p, p.withdrawable() + 1 + random.nextInt(1000))
          .expectProblem(422, "insufficient_funds");
      return "user " + p.user.id() + " asks for more than " + p.withdrawable();
    }
    long amount =
        MINIMUM_WITHDRAWAL + (long) (random.nextDouble() * (p.withdrawable() - MINIMUM_WITHDRAWAL));
    String key = "rm-" + UUID.randomUUID();
    JsonObject paid = withdraw(p, amount, key).expect(201).json().getJsonObject("withdrawal");
    Api.Response retry =
        withdraw(p, amount, key).expect(201); // a retry is the same withdrawal, paid once
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals("paid", paid.getString("status"), paid.encode());
    p.cash -= amount;
    p.withdrawnToday += amount;
    tally.merge("withdrawals", 1, Integer::sum);
    return "user " + p.user.id() + " withdraws " + amount;
  }

  private static Api.Response withdraw(Person p, long cents) {
    return withdraw(p, cents, "rm-" + UUID.randomUUID());
  }

  private static Api.Response withdraw(Person p, long cents, String key) {
    return p.user
        .api()
        .with("Idempotency-Key", key)
        .post("/api/wallet/withdrawals", new JsonObject().put("amountCents", cents));
  }

  // ---- market ----

  private String limitOrder() {
    // the issuer (who starts with every share) sells more often than not, so the book crosses
    Person p = random.nextInt(3) == 0 ? traders.get(0) : pick(traders);
    boolean buy =
        p.shares - p.lockedShares == 0 || random.nextInt(p == traders.get(0) ? 4 : 2) == 0;
    long price = 9_800 + random.nextInt(401);
    long quantity = 1 + random.nextInt(8);
    if (buy ? ownAskAtOrBelow(p, price) : ownBidAtOrAbove(p, price)) {
      return "skipped: user " + p.user.id() + " would trade with themself";
    }
    JsonObject order = MarketFixture.limit(symbol, buy ? "buy" : "sell", price, quantity);
    String what =
        "user " + p.user.id() + " limit " + (buy ? "buy " : "sell ") + quantity + " @ " + price;
    if (buy && p.cash < price * quantity) {
      p.user.api().post("/api/market/orders", order).expectProblem(422, "insufficient_funds");
      return what + " refused: cash " + p.cash;
    }
    if (!buy && p.shares - p.lockedShares < quantity) {
      p.user.api().post("/api/market/orders", order).expectProblem(422, "insufficient_shares");
      return what + " refused: shares " + (p.shares - p.lockedShares);
    }
    JsonObject answer = MarketFixture.place(p.user, order);
    List<long[]> fills = buy ? takeAsks(p, price, quantity) : takeBids(p, price, quantity);
    assertFills(fills, answer);
    long rest = quantity - fills.stream().mapToLong(f -> f[1]).sum();
    if (rest > 0) {
      Resting resting =
          new Resting(answer.getJsonObject("order").getLong("id"), p, buy, price, rest, ++sequence);
      // the taker's own fee so far (a sell that partly filled keeps its running value)
      resting.tradedValue = buy ? 0 : fills.stream().mapToLong(f -> f[0] * f[1]).sum();
      book.add(resting);
      if (buy) {
        p.cash -= price * rest;
        p.locked += price * rest;
      } else {
        p.lockedShares += rest;
      }
    }
    return what + ": " + fills.size() + " fills, " + rest + " rest";
  }

  private String marketOrder() {
    Person p = pick(traders);
    boolean buy = random.nextBoolean();
    long quantity = 1 + random.nextInt(10);
    boolean liquidity = book.stream().anyMatch(r -> r.buy != buy && r.owner != p);
    boolean ownOpposite = book.stream().anyMatch(r -> r.buy != buy && r.owner == p);
    if (!liquidity
        || ownOpposite
        || (buy && p.cash < BAND_TOP * quantity)
        || (!buy && p.shares - p.lockedShares < quantity)) {
      return "skipped: no market " + (buy ? "buy" : "sell") + " for user " + p.user.id();
    }
    JsonObject answer =
        MarketFixture.place(p.user, MarketFixture.market(symbol, buy ? "buy" : "sell", quantity));
    List<long[]> fills = buy ? takeAsks(p, Long.MAX_VALUE, quantity) : takeBids(p, 0, quantity);
    assertFills(fills, answer);
    return "user "
        + p.user.id()
        + " market "
        + (buy ? "buy " : "sell ")
        + quantity
        + ": "
        + fills.size()
        + " fills";
  }

  private String cancel() {
    if (book.isEmpty()) {
      return "skipped: nothing to cancel";
    }
    Resting r = pick(book);
    r.owner.user.api().delete("/api/market/orders/" + r.id).expect(200);
    book.remove(r);
    if (r.buy) {
      r.owner.locked -= r.price * r.remaining;
      r.owner.cash += r.price * r.remaining;
    } else {
      r.owner.lockedShares -= r.remaining;
    }
    return "user " + r.owner.user.id() + " cancels order " + r.id;
  }

  private boolean ownAskAtOrBelow(Person p, long price) {
    return book.stream().anyMatch(r -> r.owner == p && !r.buy && r.price <= price);
  }

  private boolean ownBidAtOrAbove(Person p, long price) {
    return book.stream().anyMatch(r -> r.owner == p && r.buy && r.price >= price);
  }

  /**
   * A buy of up to {@code quantity} at most {@code limit} against the asks: the fills {price,
   * quantity}.
   */
  private List<long[]> takeAsks(Person buyer, long limit, long quantity) {
    List<long[]> fills = new ArrayList<>();
    List<Resting> asks =
        book.stream()
            .filter(r -> !r.buy)
            .sorted(Comparator.<Resting>comparingLong(r -> r.price).thenComparingLong(r -> r.seq))
            .toList();
    long left = quantity;
    for (Resting ask : asks) {
      if (left == 0 || ask.price > limit) {
        break;
      }
      long q = Math.min(left, ask.remaining);
      long value = ask.price * q;
      buyer.cash -= value;
      buyer.shares += q;
      Person seller = ask.owner;
      seller.cash += value - feeIncrease(ask, value);
      seller.shares -= q;
      seller.lockedShares -= q;
      ask.remaining -= q;
      if (ask.remaining == 0) {
        book.remove(ask);
      }
      left -= q;
      fills.add(new long[] {ask.price, q});
    }
    return fills;
  }

  /**
   * A sell of up to {@code quantity} at least {@code limit} against the bids: the fills {price,
   * quantity}.
   */
  private List<long[]> takeBids(Person seller, long limit, long quantity) {
    List<long[]> fills = new ArrayList<>();
    List<Resting> bids =
        book.stream()
            .filter(r -> r.buy)
            .sorted(Comparator.<Resting>comparingLong(r -> -r.price).thenComparingLong(r -> r.seq))
            .toList();
    long left = quantity;
    long sold = 0;
    for (Resting bid : bids) {
      if (left == 0 || bid.price < limit) {
        break;
      }
      long q = Math.min(left, bid.remaining);
      long value = bid.price * q;
      Person buyer = bid.owner;
      buyer.locked -= value;
      buyer.shares += q;
      // the seller pays 2% of the order's running value, rounded half up once per order
      seller.cash += value - (TradeFee.ofValue(sold + value) - TradeFee.ofValue(sold));
      sold += value;
      seller.shares -= q;
      bid.remaining -= q;
      if (bid.remaining == 0) {
        book.remove(bid);
      }
      left -= q;
      fills.add(new long[] {bid.price, q});
    }
    return fills;
  }

  private static long feeIncrease(Resting ask, long value) {
    long fee = TradeFee.ofValue(ask.tradedValue + value) - TradeFee.ofValue(ask.tradedValue);
    ask.tradedValue += value;
    return fee;
  }

  private void assertFills(List<long[]> expected, JsonObject answer) {
    JsonArray fills = answer.getJsonArray("fills");
    List<String> want = expected.stream().map(f -> f[1] + "@" + f[0]).toList();
    List<String> got =
        fills.stream()
            .map(JsonObject.class::cast)
            .map(f -> f.getLong("quantity") + "@" + f.getLong("priceCents"))
            .toList();
    assertEquals(want, got, "fills of " + answer.getJsonObject("order").encode());
    tally.merge("trades", want.size(), Integer::sum);
  }

  // ---- goods ----

  private String purchase() {
    Person buyer = pick(buyers);
    long[] product = pick(products);
    int quantity = 1 + random.nextInt(2);
    boolean viaStripe = random.nextBoolean();
    Shop.add(buyer.user, product[0], quantity);
    Api api = viaStripe ? StripeNode.api(buyer.user) : buyer.user.api();
    JsonObject checkout = Shop.checkout(api, "pm_card_visa").expect(201).json();
    JsonObject order = checkout.getJsonArray("orders").getJsonObject(0);
    long total = product[1] * quantity + product[2];
    assertEquals(total, order.getLong("totalCents"), order.encode());
    long net = Sales.sellerNet(product[1], quantity, product[2]);
    sales.add(
        new Sale(
            order.getLong("id"),
            total,
            net,
            viaStripe,
            checkout.getJsonObject("payment").getString("paymentId"),
            buyer));
    goodsSeller.payable += net;
    tally.merge(viaStripe ? "stripe purchases" : "sandbox purchases", 1, Integer::sum);
    return "user "
        + buyer.user.id()
        + " buys "
        + quantity
        + " of product "
        + product[0]
        + " for "
        + total
        + (viaStripe ? " through Stripe" : " in the sandbox");
  }

  private Sale refundable() {
    List<Sale> open = sales.stream().filter(s -> !s.refunded && !s.disputed).toList();
    return open.isEmpty() ? null : pick(open);
  }

  private Api sellerApi(Sale sale) {
    return sale.stripe ? StripeNode.api(goodsSeller.user) : goodsSeller.user.api();
  }

  private String sellerRefund() {
    Sale sale = refundable();
    if (sale == null) {
      return "skipped: nothing to refund";
    }
    JsonObject answer =
        sellerApi(sale)
            .post(
                "/api/orders/" + sale.orderId + "/refund",
                new JsonObject().put("reason", "out of stock"))
            .expect(201)
            .json();
    assertEquals(
        sale.totalCents, answer.getJsonObject("refund").getLong("amountCents"), answer.encode());
    sale.refunded = true;
    goodsSeller.payable -= sale.net;
    tally.merge("seller refunds", 1, Integer::sum);
    return "the seller refunds order " + sale.orderId + " in full";
  }

  private String returnRequest() {
    Sale sale = refundable();
    if (sale == null) {
      return "skipped: no order to return";
    }
    Sales.deliver(goodsSeller.user, sale.orderId);
    JsonObject request =
        sale.buyer
            .user
            .api()
            .post(
                "/api/orders/" + sale.orderId + "/return-requests",
                new JsonObject().put("reason", "damaged").put("message", "arrived broken"))
            .expect(201)
            .json();
    JsonObject accepted =
        sellerApi(sale)
            .post("/api/return-requests/" + request.getLong("id") + "/accept", new JsonObject())
            .expect(200)
            .json();
    assertEquals(sale.totalCents, accepted.getLong("refundCents"), accepted.encode());
    sale.refunded = true;
    goodsSeller.payable -= sale.net;
    tally.merge("returns", 1, Integer::sum);
    return "order " + sale.orderId + " is returned and refunded";
  }

  private String dispute() {
    List<Sale> open = sales.stream().filter(s -> s.disputeOpen).toList();
    if (!open.isEmpty() && random.nextBoolean()) {
      Sale sale = pick(open);
      boolean won = random.nextBoolean();
      deliver(
          stripe.event(
              "charge.dispute.closed", sale.dispute.copy().put("status", won ? "won" : "lost")));
      sale.disputeOpen = false;
      if (won) {
        goodsSeller.payable += sale.net; // the hold goes back
      } else {
        sale.refunded = true; // released, then reversed by the refund: the share stays gone
      }
      tally.merge(won ? "disputes won" : "disputes lost", 1, Integer::sum);
      return "the dispute on order " + sale.orderId + " is " + (won ? "won" : "lost");
    }
    List<Sale> disputable =
        sales.stream().filter(s -> s.stripe && !s.refunded && !s.disputed).toList();
    if (disputable.isEmpty()) {
      return "skipped: no card payment to dispute";
    }
    Sale sale = pick(disputable);
    sale.dispute = stripe.dispute(sale.intent, sale.totalCents);
    JsonObject created = stripe.event("charge.dispute.created", sale.dispute);
    deliver(created);
    deliver(created); // Stripe may send it twice
    sale.disputed = true;
    sale.disputeOpen = true;
    goodsSeller.payable -= sale.net;
    tally.merge("disputes opened", 1, Integer::sum);
    return "the buyer disputes order " + sale.orderId;
  }

  private static void deliver(JsonObject event) {
    String payload = event.encode();
    StripeNode.api(null)
        .with("Stripe-Signature", StripeFake.signature(payload))
        .send("POST", "/api/webhooks/stripe", payload, "application/json")
        .expect(200);
  }

  // ---- the checks ----

  /** The ledger, every wallet and the seller's payable; the holdings too after a market step. */
  private void check(boolean holdings) {
    LedgerCheck.assertBalanced();
    for (Person p : people.values()) {
      JsonObject wallet = p.user.api().get("/api/wallet").expect(200).json();
      String who = "user " + p.user.id() + ": " + wallet.copy().put("history", "…").encode();
      assertEquals(p.cash, wallet.getLong("availableCents"), "available cash of " + who);
      assertEquals(p.locked, wallet.getLong("heldCents"), "locked cash of " + who);
      assertEquals(
          p.withdrawable(),
          wallet.getJsonObject("withdrawals").getLong("availableCents"),
          "withdrawable cash of " + who);
    }
    for (Person p : holdings ? traders : List.<Person>of()) {
      JsonObject holding = MarketFixture.holding(p.user, symbol);
      assertEquals(
          p.shares, holding.getLong("shares"), "shares of user " + p.user.id() + ": " + holding);
      assertEquals(
          p.lockedShares,
          holding.getLong("lockedShares"),
          "locked shares of user " + p.user.id() + ": " + holding);
    }
    JsonObject balance = goodsSeller.user.api().get("/api/payouts/balance").expect(200).json();
    assertEquals(
        goodsSeller.payable,
        balance.getLong("sellerPayableCents"),
        "the seller's payable: " + balance);
  }
}
