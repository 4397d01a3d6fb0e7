package io.showfloor.tournament;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.market.Markets;
import io.showfloor.testing.Api;
import io.showfloor.testing.Eventually;
import io.showfloor.testing.LedgerCheck;
import io.showfloor.testing.MarketFixture;
import io.showfloor.testing.TestNode;
import io.showfloor.testing.Users;
import io.showfloor.testing.Users.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tournaments: entry, isolated play-money trading, a frozen board and an exact payout")
class TournamentTest {

  @AfterEach
  void ledgerBalances() {
    LedgerCheck.assertBalanced();
    io.showfloor.testing.MarketFixture.assertHoldsReconciled();
  }

  private static TestUser admin() {
    return LedgerCheck.admin();
  }

  private static JsonObject tournament(long feeCents, JsonObject extra) {
    JsonObject body =
        new JsonObject()
            .put("name", "Cup " + UUID.randomUUID().toString().substring(0, 6))
            .put("rules", "Highest equity wins.")
            .put("startsAt", Instant.now().plusSeconds(3600).toString())
            .put("endsAt", Instant.now().plusSeconds(7200).toString())
            .put("entryFeeCents", feeCents)
            .put("startingCashCents", 100_000)
            .put(
                "instruments",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("base", "GLD")
                            .put("name", "Gold")
                            .put("referencePriceCents", 1000)));
    return admin().api().post("/api/tournaments", body.mergeIn(extra)).expect(201).json();
  }

  private static JsonObject enter(TestUser user, long id) {
    return user.api()
        .with("Idempotency-Key", "enter-" + id + "-" + user.id())
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expect(201)
        .json();
  }

  private static JsonObject order(String symbol, String side, long price, long quantity) {
    return MarketFixture.limit(symbol, side, price, quantity);
  }

  private static Api.Response trade(TestUser user, long id, JsonObject order) {
    return user.api().post("/api/tournaments/" + id + "/orders", order);
  }

  private static JsonObject account(TestUser user, long id) {
    return user.api().get("/api/tournaments/" + id + "/me").expect(200).json();
  }

  private static long shares(TestUser user, long id) {
    JsonArray holdings = account(user, id).getJsonArray("holdings");
    return holdings.isEmpty() ? 0 : holdings.getJsonObject(0).getLong("shares");
  }

  /** What the tournament's movements left on the sandbox's clearing account (debit positive). */
  private static long clearingFor(long id) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            """
            SELECT COALESCE(SUM(e.amount_cents), 0) AS cents FROM ledger_entries e
            JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
            WHERE a.code = 'provider:sandbox:clearing' AND t.reference = $1""",
            Tuple.of("tournament:" + id))
        .await()
        .getLong("cents");
  }

  private static long wallet(TestUser user) {
    return user.api().get("/api/wallet").expect(200).json().getLong("availableCents");
  }

  /** Places a limit order and waits until the bot has traded against all of it. */
  private static void filled(
      TestUser user, long id, String symbol, String side, long price, long q) {
    long before = shares(user, id);
    trade(user, id, order(symbol, side, price, q)).expect(201);
    long expected = "buy".equals(side) ? before + q : before - q;
    Eventually.until(
        () -> shares(user, id) == expected, side + " " + q + " at " + price + " fills");
  }

  @Test
  @DisplayName(
      "a paid tournament from entry to payout: a known board, ties to the earlier entry, prizes to the cent, paid once")
  void wholeTournament() {
    // 4 x 9.99 = 39.96; the 15% cut is 5.99 (5.994 down); 33.97 split 50/30/20 is 16.98, 10.19,
    // 6.79 (each rounded down), and the cent left over goes to the platform with the cut
    JsonObject created = tournament(999, new JsonObject());
    long id = created.getLong("id");
    String symbol = created.getJsonArray("instruments").getJsonObject(0).getString("symbol");
    assertEquals("Z" + id + "GLD", symbol);
    assertEquals("open", created.getString("status"));

    TestUser a = MarketFixture.trader(5_000);
    TestUser b = MarketFixture.trader(5_000);
    TestUser c = MarketFixture.trader(5_000);
    TestUser d = MarketFixture.trader(5_000);
    JsonObject entry = enter(a, id);
    assertEquals(999, entry.getLong("paidCents"));
    // the same key again is the same entry, nothing paid twice
    Api.Response again =
        a.api()
            .with("Idempotency-Key", "enter-" + id + "-" + a.id())
            .post("/api/tournaments/" + id + "/entries", new JsonObject())
            .expect(201);
    assertEquals("true", again.header("Idempotent-Replayed"));
    enter(b, id);
    enter(c, id);
    enter(d, id);
    assertEquals(5_000 - 999, wallet(a));
    assertEquals(3_996, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(100_000, account(a, id).getLong("cashCents"));

    admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);

    // the house's bot quotes 995 / 1005 around the 10.00 reference (5 ticks each side)
    filled(a, id, symbol, "buy", 1005, 50);
    filled(d, id, symbol, "buy", 1005, 20);
    filled(d, id, symbol, "sell", 995, 20);
    // good news: +10% moves the bot's price to 11.00 (1095 / 1105)
    admin()
        .api()
        .post(
            "/api/tournaments/" + id + "/events",
            new JsonObject()
                .put("symbol", symbol)
                .put("headline", "Gold strikes")
                .put("shockBps", 1000)
                .put("at", Instant.now().toString()))
        .expect(201);
    filled(a, id, symbol, "sell", 1095, 50);
    filled(b, id, symbol, "buy", 1105, 10);

    JsonArray live =
        a.api().get("/api/tournaments/" + id + "/board").expect(200).json().getJsonArray("items");
    assertEquals(a.id(), live.getJsonObject(0).getLong("userId"));
    assertEquals(104_500, live.getJsonObject(0).getLong("equityCents"));

    long feesBefore = LedgerCheck.balance("platform:fees");
    JsonObject results =
        admin().api().post("/api/admin/tournaments/" + id + "/finish").expect(200).json();
    JsonArray board = results.getJsonArray("board");
    assertEquals(3_996, results.getLong("poolCents"));
    assertEquals(600, results.getLong("platformCents"));
    long[] users = {a.id(), b.id(), c.id(), d.id()};
    long[] equity = {104_500, 100_000, 100_000, 99_800};
    long[] prizes = {1_698, 1_019, 679, 0};
    for (int i = 0; i < 4; i++) {
      JsonObject row = board.getJsonObject(i);
      assertEquals(i + 1, row.getInteger("rank"));
      assertEquals(users[i], row.getLong("userId"), "place " + (i + 1));
      assertEquals(equity[i], row.getLong("equityCents"), "equity of place " + (i + 1));
      assertEquals(prizes[i], row.getLong("prizeCents"), "prize of place " + (i + 1));
    }
    assertEquals(5_000 - 999 + 1_698, wallet(a));
    assertEquals(5_000 - 999 + 1_019, wallet(b));
    assertEquals(5_000 - 999 + 679, wallet(c));
    assertEquals(5_000 - 999, wallet(d));
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(600, LedgerCheck.balance("platform:fees") - feesBefore);

    // a second payout: refused, and nothing moves
    admin()
        .api()
        .post("/api/admin/tournaments/" + id + "/finish")
        .expectProblem(409, "tournament_not_active");
    assertEquals(5_000 - 999 + 1_698, wallet(a));
    assertEquals(results, a.api().get("/api/tournaments/" + id + "/results").expect(200).json());
    assertEquals(
        1,
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM ledger_transactions WHERE kind = 'tournament_payout' AND reference = $1",
                Tuple.of("tournament:" + id))
            .await()
            .getLong("n"));
    // the winner is told
    JsonArray notices =
        a.api().get("/api/me/notifications").expect(200).json().getJsonArray("items");
    assertTrue(
        notices.stream()
            .anyMatch(n -> "tournament_prize".equals(((JsonObject) n).getString("kind"))),
        notices.encode());
    // the play money never reached a wallet, and the market is closed to new orders
    trade(a, id, order(symbol, "buy", 1100, 1)).expectProblem(409, "tournament_not_active");
  }

  @Test
  @DisplayName("cancelling a running paid tournament refunds every entry exactly")
  void cancelRefunds() {
    JsonObject created = tournament(777, new JsonObject().put("marketMaker", false));
    long id = created.getLong("id");
    TestUser a = MarketFixture.trader(2_000);
    TestUser b = MarketFixture.trader(777);
    TestUser c = MarketFixture.trader(1_001);
    enter(a, id);
    enter(b, id);
    enter(c, id);
    assertEquals(0, wallet(b));
    admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
    String symbol = "Z" + id + "GLD";
    trade(a, id, order(symbol, "buy", 990, 5)).expect(201);

    JsonObject cancelled =
        admin().api().post("/api/tournaments/" + id + "/cancel").expect(200).json();
    assertEquals("cancelled", cancelled.getString("status"));
    assertEquals(3 * 777, cancelled.getLong("refundedCents"));
    assertEquals(2_000, wallet(a));
    assertEquals(777, wallet(b));
    assertEquals(1_001, wallet(c));
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    admin()
        .api()
        .post("/api/tournaments/" + id + "/cancel")
        .expectProblem(409, "tournament_not_cancellable");
    assertEquals(2_000, wallet(a));
    // its resting order is cancelled once the books close
    Eventually.until(
        () -> account(a, id).getLong("lockedCents") == 0, "the resting buy is cancelled");
  }

  @Test
  @DisplayName(
      "bad input changes nothing: late, double or over-full entries, and orders across the play-money line")
  void badInput() {
    JsonObject first =
        tournament(500, new JsonObject().put("maxEntrants", 2).put("marketMaker", false));
    long id = first.getLong("id");
    JsonObject second = tournament(0, new JsonObject().put("marketMaker", false));
    long other = second.getLong("id");
    TestUser a = MarketFixture.trader(1_000);
    TestUser b = MarketFixture.trader(1_000);
    TestUser poor = MarketFixture.trader(100);
    TestUser late = MarketFixture.trader(1_000);

    poor.api()
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expectProblem(422, "insufficient_funds");
    assertEquals(100, wallet(poor));
    enter(a, id);
    a.api()
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expectProblem(409, "already_entered");
    assertEquals(500, wallet(a));
    assertEquals(500, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(100_000, account(a, id).getLong("cashCents"));
    enter(b, id);
    late.api()
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expectProblem(409, "tournament_full");
    enter(a, other);

    // not open yet: no trading
    trade(a, id, order("Z" + id + "GLD", "buy", 1000, 1))
        .expectProblem(409, "tournament_not_active");
    admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
    admin().api().post("/api/admin/tournaments/" + other + "/start").expect(200);
    // entry after the start
    late.api()
        .post("/api/tournaments/" + other + "/entries", new JsonObject())
        .expectProblem(409, "tournament_not_open");
    late.api()
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expectProblem(409, "tournament_not_open");
    // ... and nothing changed: no entry, no fee, no play money
    assertEquals(1_000, wallet(late));
    assertEquals(2, entries(id).size());
    assertEquals(1, entries(other).size());
    assertEquals(1_000, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(0, LedgerCheck.balance("play:" + other + ":user:" + late.id() + ":cash"));
    // not an entrant
    trade(late, id, order("Z" + id + "GLD", "buy", 1000, 1)).expectProblem(403, "not_an_entrant");
    // another tournament's symbol
    trade(a, id, order("Z" + other + "GLD", "buy", 1000, 1))
        .expectProblem(409, "instrument_not_in_tournament");
    // play cash on the real market, and the real market's cash on a tournament's book
    MarketFixture.Listing real = MarketFixture.listed("REAL");
    MarketFixture.phase(real.symbol(), "continuous");
    trade(a, id, order(real.symbol(), "buy", 10_000, 1))
        .expectProblem(409, "real_market_instrument");
    a.api()
        .post("/api/market/orders", order("Z" + id + "GLD", "buy", 1000, 1))
        .expectProblem(409, "tournament_instrument");
    // a real listing may not take the tournaments' prefix
    Users.create("seller")
        .api()
        .post(
            "/api/market/instruments", new JsonObject().put("symbol", "Z9FAKE").put("name", "Fake"))
        .expectProblem(422, "symbol_reserved");
    // within the tournament, play cash only: 100 shares at 10.00 is more than the 1,000.00 it has
    trade(a, id, order("Z" + id + "GLD", "buy", 1000, 101))
        .expectProblem(422, "insufficient_funds");
    assertEquals(100_000, account(a, id).getLong("cashCents"));
    assertEquals(500, wallet(a));
    // only admins create public tournaments
    a.api()
        .post(
            "/api/tournaments",
            new JsonObject()
                .put("name", "Mine")
                .put("startsAt", Instant.now().plusSeconds(60).toString())
                .put("endsAt", Instant.now().plusSeconds(120).toString())
                .put(
                    "instruments",
                    new JsonArray()
                        .add(new JsonObject().put("base", "X").put("referencePriceCents", 100))))
        .expectProblem(403, "public_tournament_admin_only");
    admin().api().post("/api/tournaments/" + id + "/cancel").expect(200);
    admin().api().post("/api/tournaments/" + other + "/cancel").expect(200);
  }

  private static JsonArray entries(long id) {
    return TestNode.api()
        .get("/api/tournaments/" + id + "/entries")
        .expect(200)
        .json()
        .getJsonArray("items");
  }

  private static long transactions(long id, String kind) {
    return TestNode.get()
        .platform()
        .db()
        .one(
            "SELECT count(*) AS n FROM ledger_transactions WHERE kind = $1 AND reference = $2",
            Tuple.of(kind, "tournament:" + id))
        .await()
        .getLong("n");
  }

  @Test
  @DisplayName(
      "two finishes and a cancel racing on one paid tournament: one wins, the money moves once (paid out or refunded, never both), the others are 409 and change nothing")
  void payoutRace() throws Exception {
    long id = tournament(300, new JsonObject().put("marketMaker", false)).getLong("id");
    TestUser a = MarketFixture.trader(1_000);
    TestUser b = MarketFixture.trader(1_000);
    enter(a, id);
    enter(b, id);
    admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
    trade(a, id, order("Z" + id + "GLD", "buy", 990, 5)).expect(201);

    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Api.Response> answers;
    try {
      List<Future<Api.Response>> calls =
          List.of(
              pool.submit(() -> admin().api().post("/api/admin/tournaments/" + id + "/finish")),
              pool.submit(() -> admin().api().post("/api/admin/tournaments/" + id + "/finish")),
              pool.submit(() -> admin().api().post("/api/tournaments/" + id + "/cancel")));
      answers = new ArrayList<>();
      for (Future<Api.Response> call : calls) {
        answers.add(call.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    List<Api.Response> won = answers.stream().filter(r -> r.status() == 200).toList();
    assertEquals(1, won.size(), answers.toString());
    for (Api.Response lost : answers) {
      if (lost.status() != 200) {
        JsonObject problem = lost.expectProblem(409, lost.json().getString("code"));
        assertTrue(
            Set.of("tournament_not_active", "tournament_not_cancellable")
                .contains(problem.getString("code")),
            problem.encode());
      }
    }
    String status = a.api().get("/api/tournaments/" + id).expect(200).json().getString("status");
    if ("completed".equals(status)) {
      // a's resting buy leaves play cash and escrow as they were: 100,000 each, a tie to the
      // earlier entry; two places of 50/30/20 share 510 (600 less the 15% cut) by 50:30
      assertEquals(1, transactions(id, "tournament_payout"));
      assertEquals(0, transactions(id, "tournament_entry_refund"));
      assertEquals(1_000 - 300 + 318, wallet(a));
      assertEquals(1_000 - 300 + 191, wallet(b));
    } else {
      assertEquals("cancelled", status);
      assertEquals(0, transactions(id, "tournament_payout"));
      assertEquals(2, transactions(id, "tournament_entry_refund"));
      assertEquals(1_000, wallet(a));
      assertEquals(1_000, wallet(b));
    }
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));

    // later calls: still refused, still nothing moves
    long walletA = wallet(a);
    admin()
        .api()
        .post("/api/admin/tournaments/" + id + "/finish")
        .expectProblem(409, "tournament_not_active");
    admin()
        .api()
        .post("/api/tournaments/" + id + "/cancel")
        .expectProblem(409, "tournament_not_cancellable");
    MarketFixture.trader(1_000)
        .api()
        .post("/api/tournaments/" + id + "/entries", new JsonObject())
        .expectProblem(409, "tournament_not_open");
    assertEquals(walletA, wallet(a));
    assertEquals(2, entries(id).size());
    assertEquals("completed".equals(status) ? 1 : 0, transactions(id, "tournament_payout"));
  }

  @Test
  @DisplayName(
      "the schedule starts and ends a free tournament; the board and the news arrive on its topic; a disqualified entrant leaves the board")
  void scheduleTopicAndDisqualification() {
    Instant starts = Instant.now().plusSeconds(2);
    JsonObject created =
        tournament(
            0,
            new JsonObject()
                .put("startsAt", starts.toString())
                .put("endsAt", starts.plusSeconds(10).toString())
                .put(
                    "events",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("base", "GLD")
                                .put("headline", "Vault found empty")
                                .put("shockBps", -2000)
                                .put("at", starts.plusSeconds(1).toString()))));
    long id = created.getLong("id");
    String symbol = "Z" + id + "GLD";
    TestUser a = MarketFixture.trader(0);
    TestUser cheat = MarketFixture.trader(0);
    enter(a, id);
    enter(cheat, id);
    try (var socket = io.showfloor.testing.TestSocket.open(TestNode.get().port())) {
      JsonObject snapshot = socket.subscribe("tournament:" + id);
      assertEquals(id, snapshot.getJsonObject("data").getJsonObject("tournament").getLong("id"));
      Eventually.until(
          () ->
              "active"
                  .equals(
                      a.api().get("/api/tournaments/" + id).expect(200).json().getString("status")),
          "the sweep starts it at startsAt");
      // the sweep publishes the board when it starts the tournament and again only when it changes,
      // so the board comes before the news, or in the same pass after it when the sweep ran late
      JsonObject news = null;
      JsonObject board = null;
      while (news == null || board == null) {
        JsonObject frame = socket.next();
        if ("tournament.news".equals(frame.getString("type"))) {
          news = frame;
        } else if ("tournament.board".equals(frame.getString("type"))) {
          board = frame;
        }
      }
      assertEquals(800, news.getJsonObject("data").getLong("anchorPriceCents"));
      assertEquals(2, board.getJsonObject("data").getJsonArray("items").size());
      // the bot now quotes 795 / 805 around the shocked price
      filled(a, id, symbol, "buy", 805, 10);
    }
    TestUser moderator = Users.create("moderator");
    moderator
        .api()
        .post(
            "/api/tournaments/" + id + "/entries/" + cheat.id() + "/disqualify",
            new JsonObject().put("reason", "wash trading with a friend"))
        .expect(200);
    trade(cheat, id, order(symbol, "buy", 805, 1)).expectProblem(403, "entrant_disqualified");
    assertEquals(
        1,
        TestNode.get()
            .platform()
            .db()
            .one(
                "SELECT count(*) AS n FROM moderation_audit WHERE action = 'disqualify_entrant' AND target_id = $1",
                Tuple.of(id + ":" + cheat.id()))
            .await()
            .getLong("n"));
    Eventually.until(
        () ->
            "completed"
                .equals(
                    a.api().get("/api/tournaments/" + id).expect(200).json().getString("status")),
        "the sweep finishes it at endsAt");
    JsonObject results = a.api().get("/api/tournaments/" + id + "/results").expect(200).json();
    assertEquals(1, results.getJsonArray("board").size());
    assertEquals(a.id(), results.getJsonArray("board").getJsonObject(0).getLong("userId"));
    assertEquals(
        cheat.id(), results.getJsonArray("disqualified").getJsonObject(0).getLong("userId"));
    assertEquals(0, results.getLong("poolCents"));
  }

  @Test
  @DisplayName(
      "a card pays an entry into the pool through the sandbox; a declined card enters nobody; cancelling gives the card its money back")
  void cardEntries() {
    JsonObject created = tournament(1_250, new JsonObject().put("marketMaker", false));
    long id = created.getLong("id");
    TestUser a = MarketFixture.trader(0);
    TestUser declined = MarketFixture.trader(0);
    JsonObject entry =
        a.api()
            .with("Idempotency-Key", "card-" + id)
            .post(
                "/api/tournaments/" + id + "/entries",
                new JsonObject()
                    .put("paymentMethod", "card")
                    .put("paymentMethodId", "pm_card_visa"))
            .expect(201)
            .json();
    assertEquals("card", entry.getString("paidWith"));
    assertEquals(1_250, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(1_250, clearingFor(id));
    // a retry with the same key is the same entry, charged once
    a.api()
        .with("Idempotency-Key", "card-" + id)
        .post(
            "/api/tournaments/" + id + "/entries",
            new JsonObject().put("paymentMethod", "card").put("paymentMethodId", "pm_card_visa"))
        .expect(201);
    assertEquals(1_250, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    declined
        .api()
        .post(
            "/api/tournaments/" + id + "/entries",
            new JsonObject()
                .put("paymentMethod", "card")
                .put("paymentMethodId", "pm_card_chargeDeclined"))
        .expectProblem(402, "card_declined");
    assertEquals(
        1,
        a.api()
            .get("/api/tournaments/" + id + "/entries")
            .expect(200)
            .json()
            .getJsonArray("items")
            .size());

    admin().api().post("/api/tournaments/" + id + "/cancel").expect(200);
    assertEquals(0, LedgerCheck.balance("tournament:" + id + ":prize-pool"));
    assertEquals(0, clearingFor(id));
    assertEquals(0, wallet(a));
    assertEquals(
        "refunded",
        a.api()
            .get("/api/tournaments/" + id + "/me")
            .expect(200)
            .json()
            .getJsonObject("entry")
            .getString("status"));
  }

  @Test
  @DisplayName(
      "inside a tournament an order never trades with its owner's resting order, and a round trip between two entrants is flagged for moderators on the tournament's symbol")
  void selfTradePreventionAndWashSurveillance() {
    JsonObject created = tournament(0, new JsonObject());
    long id = created.getLong("id");
    String symbol = created.getJsonArray("instruments").getJsonObject(0).getString("symbol");
    TestUser a = MarketFixture.trader(0);
    TestUser b = MarketFixture.trader(0);
    enter(a, id);
    enter(b, id);
    admin().api().post("/api/admin/tournaments/" + id + "/start").expect(200);
    filled(a, id, symbol, "buy", 1_050, 5);

    // a's own resting ask is cancelled instead of trading with a's bid (the bot quotes outside)
    long ownAsk =
        trade(a, id, order(symbol, "sell", 1_002, 1))
            .expect(201)
            .json()
            .getJsonObject("order")
            .getLong("id");
    long ownBid =
        trade(a, id, order(symbol, "buy", 1_002, 1))
            .expect(201)
            .json()
            .getJsonObject("order")
            .getLong("id");
    JsonObject own =
        a.api().get("/api/market/orders/" + ownAsk).expect(200).json().getJsonObject("order");
    assertEquals("cancelled", own.getString("status"));
    assertEquals("self_trade_prevention", own.getString("reason"));
    assertEquals(5, shares(a, id), "a traded nothing with itself");
    a.api().delete("/api/tournaments/" + id + "/orders/" + ownBid).expect(200);

    // a sells to b inside the bot's spread, b sells straight back to a
    trade(a, id, order(symbol, "sell", 1_001, 5)).expect(201);
    trade(b, id, order(symbol, "buy", 1_001, 5)).expect(201);
    Eventually.until(() -> shares(b, id) == 5, "b bought a's 5");
    trade(b, id, order(symbol, "sell", 1_000, 5)).expect(201);
    trade(a, id, order(symbol, "buy", 1_000, 5)).expect(201);
    Eventually.until(() -> shares(a, id) == 5, "a bought them back");

    TestUser moderator = Users.create("moderator");
    TestNode.get().vertx().eventBus().request(Markets.SURVEILLANCE_SCAN_ADDRESS, "").await();
    List<JsonObject> flags =
        moderator
            .api()
            .get("/api/market/surveillance?limit=200")
            .expect(200)
            .json()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(f -> symbol.equals(f.getString("symbol")))
            .toList();
    assertEquals(1, flags.size(), flags.toString());
    assertEquals("wash_round_trip", flags.get(0).getString("kind"));
    assertEquals(
        java.util.Set.of(a.id(), b.id()),
        java.util.Set.of(flags.get(0).getLong("userA"), flags.get(0).getLong("userB")));
  }
}
