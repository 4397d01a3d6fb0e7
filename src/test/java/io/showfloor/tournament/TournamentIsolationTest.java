package io.showfloor.tournament;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.platform.infra.Database;
import io.showfloor.testing.Api;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The isolation property: random orders, cancels and amends from several traders at once in two
 * running tournaments (their house bots quoting) and on the real market, with attempts to cross the
 * line between them. After every batch each venue's money and shares are conserved on their own, no
 * ledger transaction mixes play money with real money or two pools, and nothing refused moved
 * anything. The seed is printed; rerun one with {@code -Disolation.seed=N}.
 */
@DisplayName(
    "Two tournaments and the real market trading at once keep their money and shares apart")
class TournamentIsolationTest {
  private static final long START_CASH = 100_000;
  private static final long FEE = 500;
  private static final long DEPOSIT = 2_000_000;
  private static final int TRADERS = 4;
  private static final int ROUNDS = 320;
  private static final int BATCH = 16;
  private static final Set<Integer> ACCEPTABLE = Set.of(200, 201, 404, 409, 422, 429);

  private final Database db = TestNode.get().platform().db();

  /** A venue the traders send orders to: a tournament (with its symbols) or the real market. */
  private record Venue(long pool, List<String> symbols, long reference) {
    boolean real() {
      return pool == 0;
    }

    String ordersPath() {
      return real() ? "/api/market/orders" : "/api/tournaments/" + pool + "/orders";
    }
  }

  private static JsonObject tournament(long fee, String... bases) {
    JsonArray instruments = new JsonArray();
    for (String base : bases) {
      instruments.add(
          new JsonObject().put("base", base).put("name", base).put("referencePriceCents", 1000));
    }
    JsonObject body =
        new JsonObject()
            .put("name", "Isolation " + UUID.randomUUID().toString().substring(0, 6))
            .put("startsAt", Instant.now().plusSeconds(3600).toString())
            .put("endsAt", Instant.now().plusSeconds(7200).toString())
            .put("entryFeeCents", fee)
            .put("startingCashCents", START_CASH)
            .put("instruments", instruments);
    return LedgerCheck.admin().api().post("/api/tournaments", body).expect(201).json();
  }

  private static List<String> symbols(JsonObject tournament) {
    List<String> symbols = new ArrayList<>();
    tournament
        .getJsonArray("instruments")
        .forEach(i -> symbols.add(((JsonObject) i).getString("symbol")));
    return symbols;
  }

  @Test
  @DisplayName(
      "after 320 random commands in two tournaments and the real market, each pool's play money and shares, the real cash and shares, and the ledger all add up, and no refused crossing changed anything")
  void isolation() throws Exception {
    long seed = Long.getLong("isolation.seed", 19_2026L);
    System.out.println(
        "TournamentIsolationTest seed " + seed + " (rerun: -Disolation.seed=" + seed + ")");
    Random master = new Random(seed);
    long houseCash =
        TestNode.get().platform().settings().longValue("tournaments.house.cashCents", 0);
    long houseShares =
        TestNode.get().platform().settings().longValue("tournaments.house.shares", 0);
    long firstTransaction =
        db.one("SELECT COALESCE(MAX(id), 0) AS id FROM ledger_transactions", Tuple.tuple())
            .await()
            .getLong("id");

    JsonObject paid = tournament(FEE, "GLD", "OIL");
    JsonObject free = tournament(0, "GLD");
    MarketFixture.Listing listing = MarketFixture.listed("ISO");
    MarketFixture.phase(listing.symbol(), "continuous");
    Venue one = new Venue(paid.getLong("id"), symbols(paid), 1000);
    Venue two = new Venue(free.getLong("id"), symbols(free), 1000);
    Venue real = new Venue(0, List.of(listing.symbol()), 10_000);
    List<Venue> venues = List.of(one, two, real);

    List<TestUser> traders = new ArrayList<>();
    for (int i = 0; i < TRADERS; i++) {
      traders.add(MarketFixture.trader(DEPOSIT));
    }
    // the prober enters both tournaments and holds real cash but only ever tries to cross the line
    TestUser prober = MarketFixture.trader(DEPOSIT);
    List<TestUser> entrants = new ArrayList<>(traders);
    entrants.add(prober);
    for (TestUser user : entrants) {
      for (Venue venue : List.of(one, two)) {
        user.api()
            .with("Idempotency-Key", "iso-" + venue.pool() + "-" + user.id())
            .post("/api/tournaments/" + venue.pool() + "/entries", new JsonObject())
            .expect(201);
      }
    }
    LedgerCheck.admin().api().post("/api/admin/tournaments/" + one.pool() + "/start").expect(200);
    LedgerCheck.admin().api().post("/api/admin/tournaments/" + two.pool() + "/start").expect(200);
    // real shares to sell: the seller sells 100 to each trader at the reference price
    MarketFixture.place(
        listing.seller(),
        MarketFixture.limit(real.symbols().get(0), "sell", 10_000, 100L * TRADERS));
    for (TestUser trader : traders) {
      MarketFixture.place(trader, MarketFixture.limit(real.symbols().get(0), "buy", 10_000, 100));
    }
    List<TestUser> realTraders = new ArrayList<>(entrants);
    realTraders.add(listing.seller());

    Map<Long, Venue> orders = new ConcurrentHashMap<>();
    Map<Long, TestUser> owners = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    Map<String, Integer> tally = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    int crossings = 0;
    try {
      for (int round = 0; round < ROUNDS; round += BATCH) {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
          Random random = new Random(master.nextLong());
          sent.add(
              pool.submit(
                  () -> command(random, traders, venues, orders, owners, unexpected, tally)));
        }
        for (Future<?> f : sent) {
          f.get(60, TimeUnit.SECONDS);
        }
        crossings += crossTheLine(master, prober, one, two, real);
        checkPool(one, entrants.size(), houseCash, houseShares);
        checkPool(two, entrants.size(), houseCash, houseShares);
        checkReal(real, realTraders, one);
        checkNoMixedTransactions(firstTransaction);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
    MarketFixture.assertHoldsReconciled();
    int placed =
        tally.entrySet().stream()
            .filter(e -> e.getKey().contains("POST 201"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    assertTrue(placed > ROUNDS / 3, "most commands should place orders: " + tally);
    assertTrue(crossings > 0, "the prober tried to cross the line");
    long tournamentTrades =
        db.one(
                "SELECT count(*) AS n FROM market_trades WHERE symbol = ANY($1)",
                Tuple.of(
                    new String[] {
                      one.symbols().get(0), one.symbols().get(1), two.symbols().get(0)
                    }))
            .await()
            .getLong("n");
    assertTrue(tournamentTrades > 10, "the tournaments traded: " + tournamentTrades);
    long realTrades =
        db.one(
                "SELECT count(*) AS n FROM market_trades WHERE symbol = $1",
                Tuple.of(real.symbols().get(0)))
            .await()
            .getLong("n");
    System.out.println(
        "TournamentIsolationTest: "
            + placed
            + " orders placed, "
            + tournamentTrades
            + " tournament trades, "
            + realTrades
            + " real trades, "
            + crossings
            + " crossings refused; answers "
            + new java.util.TreeMap<>(tally));

    // the prober's crossings changed nothing anywhere
    assertEquals(0, ordersOf(prober), "the prober has no order in any venue");
    assertEquals(DEPOSIT - FEE, LedgerCheck.balance("user:" + prober.id() + ":cash"));
    for (Venue venue : List.of(one, two)) {
      JsonObject account =
          prober.api().get("/api/tournaments/" + venue.pool() + "/me").expect(200).json();
      assertEquals(START_CASH, account.getLong("cashCents"), account.encode());
      assertEquals(0, account.getLong("lockedCents"), account.encode());
      assertEquals(0, account.getJsonArray("holdings").size(), account.encode());
    }

    // the end: both finish; play money stays in its pools, and only the paid pool's prizes
    // (real money, from the entry fees) reach wallets
    JsonObject results =
        LedgerCheck.admin()
            .api()
            .post("/api/admin/tournaments/" + one.pool() + "/finish")
            .expect(200)
            .json();
    LedgerCheck.admin().api().post("/api/admin/tournaments/" + two.pool() + "/finish").expect(200);
    assertEquals(entrants.size() * FEE, results.getLong("poolCents"));
    long prizes = 0;
    for (Object row : results.getJsonArray("board")) {
      prizes += ((JsonObject) row).getLong("prizeCents");
    }
    assertEquals(results.getLong("poolCents"), prizes + results.getLong("platformCents"));
    assertEquals(0, LedgerCheck.balance("tournament:" + one.pool() + ":prize-pool"));
    for (Venue venue : List.of(one, two)) {
      checkPool(venue, entrants.size(), houseCash, houseShares);
      long escrow =
          db.one(
                  """
                  SELECT COALESCE(SUM(balance_cents), 0) AS cents FROM ledger_accounts
                  WHERE kind = 'play_escrow' AND code LIKE $1""",
                  Tuple.of("play:" + venue.pool() + ":%"))
              .await()
              .getLong("cents");
      assertEquals(0, escrow, "every order of pool " + venue.pool() + " is cancelled at the end");
    }
    checkReal(real, realTraders, one);
    checkNoMixedTransactions(firstTransaction);
    LedgerCheck.assertBalanced();
  }

  /** One random command of one trader in one venue. */
  private static void command(
      Random random,
      List<TestUser> traders,
      List<Venue> venues,
      Map<Long, Venue> orders,
      Map<Long, TestUser> owners,
      ConcurrentLinkedQueue<String> unexpected,
      Map<String, Integer> tally) {
    TestUser trader = traders.get(random.nextInt(traders.size()));
    Venue venue = venues.get(random.nextInt(venues.size()));
    Api api = trader.api();
    int kind = random.nextInt(10);
    Api.Response response;
    List<Long> mine =
        orders.entrySet().stream()
            .filter(e -> e.getValue() == venue && owners.get(e.getKey()) == trader)
            .map(Map.Entry::getKey)
            .toList();
    if (kind < 3 && !mine.isEmpty()) {
      long id = mine.get(random.nextInt(mine.size()));
      if (random.nextBoolean()) {
        response =
            api.delete(
                venue.real()
                    ? "/api/market/orders/" + id
                    : "/api/tournaments/" + venue.pool() + "/orders/" + id);
      } else {
        // amends go through the market's own endpoint whatever the venue: the book keeps the pool
        JsonObject amend = new JsonObject();
        int what = random.nextInt(3);
        if (what != 1) {
          amend.put("quantity", 1 + random.nextInt(10));
        }
        if (what != 0) {
          amend.put("priceCents", price(random, venue));
        }
        response = api.patch("/api/market/orders/" + id, amend);
      }
      if (response.call().startsWith("DELETE") && response.status() == 200
          || response.status() == 409) {
        orders.remove(id); // cancelled, or filled meanwhile
      }
    } else {
      String symbol = venue.symbols().get(random.nextInt(venue.symbols().size()));
      String side = random.nextBoolean() ? "buy" : "sell";
      long quantity = 1 + random.nextInt(10);
      JsonObject order =
          random.nextInt(6) == 0
              ? MarketFixture.market(symbol, side, quantity)
              : MarketFixture.limit(symbol, side, price(random, venue), quantity);
      order.put("timeInForce", random.nextInt(4) == 0 ? "IOC" : "GTC");
      response = api.post(venue.ordersPath(), order);
      JsonObject placed = response.status() == 201 ? response.json().getJsonObject("order") : null;
      if (placed != null && Set.of("active", "partial").contains(placed.getString("status"))) {
        // only resting orders are worth cancelling or amending later
        orders.put(placed.getLong("id"), venue);
        owners.put(placed.getLong("id"), trader);
      }
    }
    String what =
        (venue.real() ? "real " : "tournament ")
            + response.call().substring(0, response.call().indexOf(' '))
            + " "
            + response.status();
    tally.merge(what, 1, Integer::sum);
    if (!ACCEPTABLE.contains(response.status())) {
      unexpected.add(response.call() + " -> " + response.status() + " " + response.body());
    }
  }

  /** Around the reference: the bots quote 5 ticks either side, so many orders trade. */
  private static long price(Random random, Venue venue) {
    return venue.real()
        ? 9_000 + 10L * random.nextInt(201)
        : venue.reference() - 20 + random.nextInt(41);
  }

  /**
   * The prober tries play money on the real market, on the other tournament's symbols, and real
   * money on a tournament's book: each a 409 with its stable code. Answers how many it tried.
   */
  private static int crossTheLine(
      Random random, TestUser prober, Venue one, Venue two, Venue real) {
    Venue from = random.nextBoolean() ? one : two;
    Venue other = from == one ? two : one;
    String theirs = other.symbols().get(random.nextInt(other.symbols().size()));
    String side = random.nextBoolean() ? "buy" : "sell";
    prober
        .api()
        .post(from.ordersPath(), MarketFixture.limit(theirs, side, 1000, 1))
        .expectProblem(409, "instrument_not_in_tournament");
    prober
        .api()
        .post(from.ordersPath(), MarketFixture.limit(real.symbols().get(0), side, 10_000, 1))
        .expectProblem(409, "real_market_instrument");
    prober
        .api()
        .post("/api/market/orders", MarketFixture.limit(theirs, side, 1000, 1))
        .expectProblem(409, "tournament_instrument");
    return 3;
  }

  /**
   * One pool on its own: every cent issued to it (entrants' starting cash and the house's) is held
   * by its own play cash, escrow and fee accounts, read in one statement; every symbol's shares add
   * up to what the house was given; each trader's play cash covers their open orders' holds.
   */
  private void checkPool(Venue venue, int entrants, long houseCash, long houseShares) {
    Row money =
        db.one(
                """
                SELECT
                  COALESCE(SUM(e.amount_cents) FILTER (WHERE a.kind = 'play_issued'), 0) AS issued,
                  COALESCE(-SUM(e.amount_cents) FILTER (WHERE a.kind IN ('play_cash', 'play_escrow', 'play_fees')), 0) AS held,
                  COALESCE(SUM(e.amount_cents), 0) AS net
                FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
                WHERE a.code LIKE $1""",
                Tuple.of("play:" + venue.pool() + ":%"))
            .await();
    long expected = entrants * START_CASH + houseCash;
    assertEquals(expected, money.getLong("issued"), "play money issued to pool " + venue.pool());
    assertEquals(expected, money.getLong("held"), "play money held in pool " + venue.pool());
    assertEquals(0, money.getLong("net"), "pool " + venue.pool() + " balances on its own");
    for (String symbol : venue.symbols()) {
      Row shares =
          db.one(
                  """
                  SELECT i.total_shares, i.play_pool, COALESCE(SUM(h.shares), 0) AS held,
                    COALESCE(SUM(h.locked_shares), 0) AS locked, bool_and(h.locked_shares <= h.shares) AS sane
                  FROM market_instruments i LEFT JOIN market_holdings h ON h.symbol = i.symbol
                  WHERE i.symbol = $1 GROUP BY i.symbol""",
                  Tuple.of(symbol))
              .await();
      assertEquals(venue.pool(), shares.getLong("play_pool"));
      assertEquals(houseShares, shares.getLong("total_shares"));
      assertEquals(houseShares, shares.getLong("held"), "shares of " + symbol);
      assertTrue(shares.getBoolean("sane"), "locked shares within holdings of " + symbol);
    }
    // holds are reservations (docs/MARKET.md "Holds"): no play escrow moves, and each trader's
    // play cash covers what their open orders hold, in one snapshot (the bot keeps trading)
    for (Row row :
        db.query(
                """
                WITH locks AS (
                  SELECT o.user_id, SUM(o.locked_cents) AS locked FROM market_orders o
                  JOIN market_instruments i ON i.symbol = o.symbol
                  WHERE i.play_pool = $1 AND o.status IN ('active', 'partial') AND o.side = 'buy'
                  GROUP BY o.user_id),
                cash AS (
                  SELECT owner_id AS user_id,
                    COALESCE(SUM(balance_cents) FILTER (WHERE kind = 'play_cash'), 0) AS cash,
                    COALESCE(SUM(balance_cents) FILTER (WHERE kind = 'play_escrow'), 0) AS escrow
                  FROM ledger_accounts WHERE code LIKE $2 GROUP BY owner_id)
                SELECT COALESCE(l.user_id, c.user_id) AS user_id, COALESCE(l.locked, 0) AS locked,
                  COALESCE(c.cash, 0) AS cash, COALESCE(c.escrow, 0) AS escrow
                FROM locks l FULL JOIN cash c ON c.user_id = l.user_id""",
                Tuple.of(venue.pool(), "play:" + venue.pool() + ":user:%"))
            .await()) {
      String who = "user " + row.getLong("user_id") + " in pool " + venue.pool();
      assertEquals(0, row.getLong("escrow"), "no play escrow moves for " + who);
      assertTrue(
          row.getLong("cash") >= row.getLong("locked"),
          "play cash "
              + row.getLong("cash")
              + " covers holds "
              + row.getLong("locked")
              + " of "
              + who);
    }
  }

  /**
   * The real market on its own: the listing's shares add up, and every real cent deposited is in
   * the participants' cash and escrow, the real trades' fees, or the paid tournament's pool and
   * payout (real money, paid in with the entries).
   */
  private void checkReal(Venue real, List<TestUser> participants, Venue paid) {
    String symbol = real.symbols().get(0);
    Row shares =
        db.one(
                """
                SELECT i.total_shares, i.play_pool, COALESCE(SUM(h.shares), 0) AS held
                FROM market_instruments i LEFT JOIN market_holdings h ON h.symbol = i.symbol
                WHERE i.symbol = $1 GROUP BY i.symbol""",
                Tuple.of(symbol))
            .await();
    assertEquals(null, shares.getLong("play_pool"));
    assertEquals(shares.getLong("total_shares"), shares.getLong("held"), "shares of " + symbol);
    String[] codes = new String[participants.size() * 2];
    for (int i = 0; i < participants.size(); i++) {
      codes[2 * i] = "user:" + participants.get(i).id() + ":cash";
      codes[2 * i + 1] = "user:" + participants.get(i).id() + ":escrow";
    }
    // one statement, so the balances, the fees and the pool are read at one moment
    Row cash =
        db.one(
                """
                SELECT
                  (SELECT COALESCE(-SUM(e.amount_cents), 0) FROM ledger_entries e
                     JOIN ledger_accounts a ON a.id = e.account_id WHERE a.code = ANY($1)) AS held,
                  (SELECT COALESCE(SUM(buyer_fee_cents + seller_fee_cents), 0) FROM market_trades
                     WHERE symbol = $2) AS fees,
                  (SELECT COALESCE(-SUM(e.amount_cents), 0) FROM ledger_entries e
                     JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
                     WHERE t.reference = $3 AND a.code IN ($4, 'platform:fees')) AS tournament""",
                Tuple.of(
                    codes,
                    symbol,
                    "tournament:" + paid.pool(),
                    "tournament:" + paid.pool() + ":prize-pool"))
            .await();
    long deposits = (participants.size() - 1) * DEPOSIT; // the seller deposited nothing
    assertEquals(
        deposits,
        cash.getLong("held") + cash.getLong("fees") + cash.getLong("tournament"),
        "real cash: participants' cash and escrow + fees + the paid tournament's pool and cut");
  }

  private long ordersOf(TestUser user) {
    return db.one("SELECT count(*) AS n FROM market_orders WHERE user_id = $1", Tuple.of(user.id()))
        .await()
        .getLong("n");
  }

  /**
   * No ledger transaction since the test began touches play money and real money together, or two
   * pools: no path can carry play money into a real account.
   */
  private void checkNoMixedTransactions(long after) {
    List<String> mixed = new ArrayList<>();
    for (Row row :
        db.query(
                """
                SELECT t.idempotency_key FROM ledger_transactions t
                JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id
                WHERE t.id > $1 GROUP BY t.id
                HAVING (bool_or(a.kind LIKE 'play\\_%') AND bool_or(a.kind NOT LIKE 'play\\_%'))
                    OR count(DISTINCT split_part(a.code, ':', 2)) FILTER (WHERE a.kind LIKE 'play\\_%') > 1""",
                Tuple.of(after))
            .await()) {
      mixed.add(row.getString("idempotency_key"));
    }
    assertTrue(mixed.isEmpty(), "transactions mixing play and real money or two pools: " + mixed);
  }
}
