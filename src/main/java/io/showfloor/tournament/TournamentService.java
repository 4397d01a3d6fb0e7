package io.showfloor.tournament;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.notify.Notification;
import io.showfloor.notify.Notifications;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.tournament.Tournament.Status;
import io.showfloor.tournament.rules.PrizeSplit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A tournament's life: created (draft or open), started (its books open), finished (books closed,
 * the board frozen and the prizes paid in one transaction) or cancelled (every paid entry refunded
 * exactly). Each move is one guarded UPDATE, so the sweep and an admin can never both make it.
 */
final class TournamentService {
  private static final Pattern BASE = Pattern.compile("^[A-Z][A-Z0-9]{0,5}$");
  private static final int MAX_SYMBOL = 12;
  private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Ledger ledger;
  private final TournamentBooks books;
  private final TournamentHosts hosts;
  private final Notifications notifications;
  private final EventPublisher events;
  private final TournamentSettings settings;
  private final Clock clock;
  private final EntryCards cards;

  /** The house user's id, looked up at start-up (V076 creates it). */
  private volatile long houseId;

  TournamentService(
      Database db,
      Ledger ledger,
      TournamentBooks books,
      TournamentHosts hosts,
      Notifications notifications,
      EventPublisher events,
      TournamentSettings settings,
      Clock clock,
      EntryCards cards) {
    this.db = db;
    this.ledger = ledger;
    this.books = books;
    this.hosts = hosts;
    this.notifications = notifications;
    this.events = events;
    this.settings = settings;
    this.clock = clock;
    this.cards = cards;
  }

  long houseId() {
    return houseId;
  }

  /** Looks the house up once, at start-up. */
  Future<Void> findHouse() {
    return db.one(TournamentSql.HOUSE, Tuple.tuple())
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(
                    new IllegalStateException("The tournament house user is missing (V076)"));
              }
              houseId = row.getLong("id");
              return Future.succeededFuture();
            });
  }

  // ---- creation -----------------------------------------------------------------------------

  Future<JsonObject> create(Caller caller, JsonObject body) {
    boolean admin = caller.hasRole("admin");
    boolean isPrivate = body.getBoolean("private", false);
    if (!admin && !isPrivate) {
      return Future.failedFuture(
          Refused.forbidden(
              "public_tournament_admin_only", "Only admins create public tournaments"));
    }
    Future<Boolean> allowed =
        admin ? Future.succeededFuture(true) : hosts.mayHostPrivate(caller.userId());
    return allowed.compose(
        may -> {
          if (!may) {
            return Future.failedFuture(
                Refused.forbidden(
                    "private_hosting_not_allowed",
                    "Your plan does not include hosting tournaments"));
          }
          Plan plan = Plan.of(body, admin, settings, clock.instant());
          return db.tx(conn -> insert(conn, caller, plan)).compose(id -> detail(caller, id));
        });
  }

  /** What a creation asked for, checked before anything is written. */
  private record Plan(
      String name,
      String rules,
      boolean isPrivate,
      boolean open,
      Instant startsAt,
      Instant endsAt,
      long entryFeeCents,
      long startingCashCents,
      int maxEntrants,
      int cutBps,
      List<Integer> split,
      boolean marketMaker,
      List<JsonObject> instruments,
      List<JsonObject> events) {

    static Plan of(JsonObject body, boolean admin, TournamentSettings settings, Instant now) {
      Instant starts = instant(body, "startsAt");
      Instant ends = instant(body, "endsAt");
      if (!ends.isAfter(starts)) {
        throw Refused.unprocessable("ends_before_start", "endsAt must be after startsAt");
      }
      if (starts.isBefore(now)) {
        throw Refused.unprocessable("starts_in_past", "startsAt has passed");
      }
      Integer cut = body.getInteger("platformCutBps");
      if (cut != null && !admin) {
        throw Refused.forbidden("platform_cut_admin_only", "Only admins set the platform's cut");
      }
      List<Integer> split = new ArrayList<>();
      JsonArray asked = body.getJsonArray("prizeSplit");
      if (asked == null) {
        split.addAll(settings.prizeSplit());
      } else {
        asked.forEach(part -> split.add(((Number) part).intValue()));
      }
      List<JsonObject> instruments = new ArrayList<>();
      Set<String> bases = new HashSet<>();
      for (Object item : body.getJsonArray("instruments")) {
        JsonObject instrument = (JsonObject) item;
        String base = instrument.getString("base");
        if (!BASE.matcher(base).matches()) {
          throw Refused.invalid("invalid_base", "An instrument's base is 1 to 6 of A-Z 0-9");
        }
        if (!bases.add(base)) {
          throw Refused.unprocessable("duplicate_instrument", base + " is listed twice");
        }
        instruments.add(instrument);
      }
      List<JsonObject> shocks = new ArrayList<>();
      for (Object item : body.getJsonArray("events", new JsonArray())) {
        JsonObject event = (JsonObject) item;
        if (!bases.contains(event.getString("base"))) {
          throw Refused.unprocessable(
              "unknown_instrument", "An event names " + event.getString("base") + ", not listed");
        }
        Instant at = instant(event, "at");
        if (event.getInteger("shockBps") == 0) {
          throw Refused.unprocessable("shock_is_zero", "A news shock moves the price");
        }
        if (at.isBefore(starts) || at.isAfter(ends)) {
          throw Refused.unprocessable(
              "event_outside_tournament", "An event's time lies between startsAt and endsAt");
        }
        shocks.add(event);
      }
      return new Plan(
          body.getString("name"),
          body.getString("rules", ""),
          body.getBoolean("private", false),
          body.getBoolean("open", true),
          starts,
          ends,
          body.getLong("entryFeeCents", 0L),
          body.getLong("startingCashCents", 100_000L),
          body.getInteger("maxEntrants", 100),
          cut != null ? cut : settings.platformCutBps(),
          split,
          body.getBoolean("marketMaker", true),
          instruments,
          shocks);
    }
  }

  static Instant instant(JsonObject body, String field) {
    try {
      return OffsetDateTime.parse(body.getString(field)).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw Refused.invalid("invalid_" + field, field + " is a date-time with an offset");
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private Future<Long> insert(SqlConnection conn, Caller caller, Plan plan) {
    Tuple args =
        Tuple.of(
                plan.name(),
                plan.rules(),
                caller.userId(),
                plan.isPrivate(),
                plan.isPrivate() ? inviteCode() : null,
                plan.open() ? "open" : "draft")
            .addOffsetDateTime(at(plan.startsAt()))
            .addOffsetDateTime(at(plan.endsAt()))
            .addLong(plan.entryFeeCents())
            .addLong(plan.startingCashCents())
            .addInteger(plan.maxEntrants())
            .addInteger(plan.cutBps())
            .addArrayOfInteger(plan.split().toArray(Integer[]::new))
            .addBoolean(plan.marketMaker())
            .addLong(houseId);
    return conn.preparedQuery(TournamentSql.INSERT)
        .execute(args)
        .compose(
            rows -> {
              long id = rows.iterator().next().getLong("id");
              List<TournamentBooks.Listing> listings = new ArrayList<>();
              for (JsonObject instrument : plan.instruments()) {
                String symbol = symbol(id, instrument.getString("base"));
                listings.add(
                    new TournamentBooks.Listing(
                        symbol,
                        instrument.getString("name", instrument.getString("base")),
                        instrument.getLong("referencePriceCents"),
                        settings.houseShares(),
                        settings.priceBandBps()));
              }
              if (listings.stream().anyMatch(l -> l.symbol().length() > MAX_SYMBOL)) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "symbol_too_long",
                        "Z, the tournament's number and a base make at most "
                            + MAX_SYMBOL
                            + " characters; choose shorter bases"));
              }
              Future<Void> done = books.list(conn, id, houseId, caller.userId(), listings);
              for (TournamentBooks.Listing listing : listings) {
                done =
                    done.compose(
                        v ->
                            conn.preparedQuery(TournamentSql.INSERT_INSTRUMENT)
                                .execute(
                                    Tuple.of(
                                        id,
                                        listing.symbol(),
                                        listing.name(),
                                        listing.referencePriceCents()))
                                .mapEmpty());
              }
              for (JsonObject event : plan.events()) {
                done =
                    done.compose(
                        v ->
                            conn.preparedQuery(TournamentSql.INSERT_EVENT)
                                .execute(
                                    Tuple.of(
                                        id,
                                        symbol(id, event.getString("base")),
                                        event.getString("headline"),
                                        event.getInteger("shockBps"),
                                        at(instant(event, "at"))))
                                .mapEmpty());
              }
              return done.compose(v -> grantPlayCash(conn, id, houseId, settings.houseCashCents()))
                  .map(id);
            });
  }

  static String symbol(long tournamentId, String base) {
    return "Z" + tournamentId + base;
  }

  private static String inviteCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
    }
    return code.toString();
  }

  /** Issues play money to a user of the tournament (an entrant's starting cash, the house's). */
  Future<Void> grantPlayCash(SqlConnection conn, long tournamentId, long userId, long cents) {
    return ledger
        .post(
            conn,
            LedgerTransaction.builder(
                    "tournament_play_grant", "tournament:" + tournamentId + ":play:" + userId)
                .reference("tournament:" + tournamentId)
                .debit(LedgerAccount.playIssued(tournamentId), cents)
                .credit(LedgerAccount.playCash(tournamentId, userId), cents)
                .build())
        .mapEmpty();
  }

  // ---- reads --------------------------------------------------------------------------------

  Future<Tournament> find(long id) {
    return db.one(TournamentSql.BY_ID, Tuple.of(id))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.notFound("tournament_not_found", "No tournament " + id))
                    : Future.succeededFuture(Tournament.from(row)));
  }

  Future<List<String>> symbols(long id) {
    return db.query(TournamentSql.INSTRUMENTS, Tuple.of(id))
        .map(
            rows -> {
              List<String> symbols = new ArrayList<>();
              rows.forEach(row -> symbols.add(row.getString("symbol")));
              return symbols;
            });
  }

  /** The tournament with its instruments, events and entrant count. */
  Future<JsonObject> detail(Caller caller, long id) {
    return find(id)
        .compose(
            t -> {
              var instruments = db.query(TournamentSql.INSTRUMENTS, Tuple.of(id));
              var shocks = db.query(TournamentSql.EVENTS, Tuple.of(id));
              var count = db.one(TournamentSql.ENTRY_COUNT, Tuple.of(id));
              return Future.all(instruments, shocks, count)
                  .map(
                      all -> {
                        JsonArray items = new JsonArray();
                        instruments
                            .result()
                            .forEach(
                                row ->
                                    items.add(
                                        new JsonObject()
                                            .put("symbol", row.getString("symbol"))
                                            .put("name", row.getString("name"))
                                            .put(
                                                "referencePriceCents",
                                                row.getLong("reference_price_cents"))));
                        JsonArray news = new JsonArray();
                        shocks.result().forEach(row -> news.add(eventJson(row)));
                        boolean host = caller.userId() == t.hostId() || caller.hasRole("admin");
                        return t.toJson(host)
                            .put("instruments", items)
                            .put("events", news)
                            .put("entrants", count.result().getLong("n"));
                      });
            });
  }

  static JsonObject eventJson(Row row) {
    var applied = row.getOffsetDateTime("applied_at");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("symbol", row.getString("symbol"))
        .put("headline", row.getString("headline"))
        .put("shockBps", row.getInteger("shock_bps"))
        .put("at", row.getOffsetDateTime("at").toInstant().toString())
        .put("appliedAt", applied == null ? null : applied.toInstant().toString());
  }

  Future<JsonObject> page(Caller caller, @Nullable String status, long before, int limit) {
    return db.query(TournamentSql.PAGE, Tuple.of(status, before, caller.userId(), limit + 1))
        .map(
            rows ->
                KeysetPage.of(
                    rows,
                    limit,
                    row ->
                        Tournament.from(row)
                            .toJson(false)
                            .put("entrants", row.getLong("entrants"))));
  }

  // ---- moves --------------------------------------------------------------------------------

  /** draft -> open: entries may come in. */
  Future<Tournament> publish(Caller caller, long id) {
    return hostOrAdmin(caller, id).compose(t -> move(t, Status.DRAFT, Status.OPEN));
  }

  /** open -> active: the books open for continuous trading, then the tournament is active. */
  Future<Tournament> start(long id) {
    return find(id)
        .compose(
            t -> {
              if (t.status() != Status.OPEN) {
                return Future.failedFuture(
                    Refused.conflict(
                        "tournament_not_open",
                        "Tournament " + id + " is " + t.status().apiName() + ", not open"));
              }
              return symbols(id)
                  .compose(books::open)
                  .compose(v -> move(t, Status.OPEN, Status.ACTIVE));
            });
  }

  private Future<Tournament> move(Tournament t, Status from, Status to) {
    return db.one(TournamentSql.MOVE, Tuple.of(t.id(), from.apiName(), to.apiName()))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(
                    Refused.conflict(
                        "tournament_not_" + from.apiName(),
                        "Tournament " + t.id() + " is no longer " + from.apiName()));
              }
              Tournament moved = Tournament.from(row);
              PostCommit.announce(
                  "tournament status",
                  () ->
                      events.publish(
                          moved.topic(),
                          "tournament.status",
                          new JsonObject().put("id", moved.id()).put("status", to.apiName())));
              return Future.succeededFuture(moved);
            });
  }

  Future<Tournament> hostOrAdmin(Caller caller, long id) {
    return find(id)
        .compose(
            t ->
                caller.userId() == t.hostId() || caller.hasRole("admin")
                    ? Future.succeededFuture(t)
                    : Future.failedFuture(
                        Refused.forbidden("not_tournament_host", "Only its host or an admin")));
  }

  // ---- the end: freeze and pay ----------------------------------------------------------------

  /**
   * active -> completed: orders are cancelled and the books closed, then in ONE transaction the
   * board is frozen (ties broken by earlier entry) and the prizes are paid from the pool into the
   * winners' wallets (one balanced ledger transaction, key {@code tournament:<id>:payout}), so a
   * second finish finds nothing active and the ledger key could post once anyway.
   */
  Future<JsonObject> finish(long id) {
    return find(id)
        .compose(
            t -> {
              if (t.status() != Status.ACTIVE) {
                return Future.failedFuture(notActive(t));
              }
              return Future.all(symbols(id), entrantIds(id))
                  .compose(
                      both -> {
                        List<String> symbols = both.resultAt(0);
                        Set<Long> users = new HashSet<>(both.<List<Long>>resultAt(1));
                        users.add(houseId);
                        return books.close(symbols, users);
                      })
                  .compose(v -> freezeAndPay(id));
            });
  }

  private static Refused notActive(Tournament t) {
    return Refused.conflict(
        "tournament_not_active",
        "Tournament " + t.id() + " is " + t.status().apiName() + "; only an active one finishes");
  }

  private Future<List<Long>> entrantIds(long id) {
    return db.query(TournamentSql.ENTRIES, Tuple.of(id))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getLong("user_id")));
              return ids;
            });
  }

  private record Ranked(long entryId, long userId, String name, long equity, Instant enteredAt) {}

  private Future<JsonObject> freezeAndPay(long id) {
    List<Notification> sent = new ArrayList<>();
    return db.tx(
            conn ->
                Tournament.lock(conn, id)
                    .compose(
                        t -> {
                          if (t.status() != Status.ACTIVE) {
                            return Future.failedFuture(notActive(t));
                          }
                          return conn.preparedQuery(TournamentSql.ENTRIES)
                              .execute(Tuple.of(id))
                              .compose(entries -> settle(conn, t, entries, sent));
                        }))
        .onSuccess(
            results -> {
              PostCommit.run(
                  "tournament prizes", () -> sent.forEach(n -> notifications.publish(n)));
              PostCommit.announce(
                  "tournament results",
                  () -> events.publish("tournament:" + id, "tournament.results", results));
            });
  }

  private Future<JsonObject> settle(
      SqlConnection conn,
      Tournament t,
      io.vertx.sqlclient.RowSet<Row> entryRows,
      List<Notification> sent) {
    List<Row> entries = new ArrayList<>();
    entryRows.forEach(entries::add);
    List<Long> userIds = entries.stream().map(r -> r.getLong("user_id")).toList();
    return books
        .equities(conn, t.id(), userIds)
        .compose(
            equities -> {
              long pool = 0;
              List<Ranked> ranked = new ArrayList<>();
              JsonArray disqualified = new JsonArray();
              for (Row row : entries) {
                String status = row.getString("status");
                if ("refunded".equals(status)) {
                  continue;
                }
                pool += row.getLong("paid_cents");
                long userId = row.getLong("user_id");
                long equity = equities.getOrDefault(userId, 0L);
                if ("disqualified".equals(status)) {
                  disqualified.add(
                      new JsonObject()
                          .put("userId", userId)
                          .put("displayName", row.getString("display_name"))
                          .put("equityCents", equity));
                  continue;
                }
                ranked.add(
                    new Ranked(
                        row.getLong("id"),
                        userId,
                        row.getString("display_name"),
                        equity,
                        row.getOffsetDateTime("entered_at").toInstant()));
              }
              // ties go to the earlier entry
              ranked.sort(
                  Comparator.comparingLong((Ranked r) -> -r.equity())
                      .thenComparingLong(Ranked::entryId));
              PrizeSplit.Shares shares =
                  PrizeSplit.of(pool, t.platformCutBps(), t.prizeSplit(), ranked.size());
              JsonArray board = new JsonArray();
              Long[] users = new Long[ranked.size()];
              Long[] equity = new Long[ranked.size()];
              Integer[] ranks = new Integer[ranked.size()];
              Long[] prizes = new Long[ranked.size()];
              LedgerTransaction.Builder payout =
                  LedgerTransaction.builder("tournament_payout", "tournament:" + t.id() + ":payout")
                      .reference("tournament:" + t.id())
                      .debit(LedgerAccount.tournamentPrizePool(t.id()), pool)
                      .credit(LedgerAccount.platformFees(), shares.platformCents());
              for (int i = 0; i < ranked.size(); i++) {
                Ranked r = ranked.get(i);
                long prize = i < shares.prizes().size() ? shares.prizes().get(i) : 0;
                users[i] = r.userId();
                equity[i] = r.equity();
                ranks[i] = i + 1;
                prizes[i] = prize;
                payout.credit(LedgerAccount.userCash(r.userId()), prize);
                board.add(
                    new JsonObject()
                        .put("rank", i + 1)
                        .put("userId", r.userId())
                        .put("displayName", r.name())
                        .put("equityCents", r.equity())
                        .put("prizeCents", prize)
                        .put("enteredAt", r.enteredAt().toString()));
              }
              JsonObject results =
                  new JsonObject()
                      .put("tournamentId", t.id())
                      .put("poolCents", pool)
                      .put("platformCents", shares.platformCents())
                      .put("board", board)
                      .put("disqualified", disqualified)
                      .put("frozenAt", clock.instant().toString());
              Future<Void> paid =
                  pool == 0
                      ? Future.succeededFuture()
                      : ledger.post(conn, payout.build()).mapEmpty();
              Future<Void> done =
                  paid.compose(
                          v ->
                              conn.preparedQuery(TournamentSql.WRITE_RESULTS)
                                  .execute(
                                      Tuple.of(t.id())
                                          .addArrayOfLong(users)
                                          .addArrayOfLong(equity)
                                          .addArrayOfInteger(ranks)
                                          .addArrayOfLong(prizes)))
                      .compose(
                          v ->
                              conn.preparedQuery(TournamentSql.COMPLETE)
                                  .execute(Tuple.of(t.id(), results)))
                      .mapEmpty();
              for (int i = 0; i < ranked.size(); i++) {
                if (prizes[i] > 0) {
                  long user = users[i];
                  JsonObject payload =
                      new JsonObject()
                          .put("tournamentId", t.id())
                          .put("name", t.name())
                          .put("rank", i + 1)
                          .put("prizeCents", prizes[i]);
                  done =
                      done.compose(
                          v ->
                              notifications
                                  .record(conn, user, "tournament_prize", payload)
                                  .map(
                                      n -> {
                                        sent.add(n);
                                        return null;
                                      }));
                }
              }
              return done.map(results);
            });
  }

  // ---- cancel: every paid entry back, exactly ------------------------------------------------

  /** A card payment to give back once the cancel has committed. */
  private record CardRefund(String paymentId, long cents, String key) {}

  Future<JsonObject> cancel(long id) {
    List<Notification> sent = new ArrayList<>();
    List<CardRefund> toCards = new ArrayList<>();
    Status[] was = {Status.DRAFT};
    return db.tx(
            conn ->
                Tournament.lock(conn, id)
                    .compose(
                        t -> {
                          was[0] = t.status();
                          if (t.status() == Status.COMPLETED || t.status() == Status.CANCELLED) {
                            return Future.failedFuture(
                                Refused.conflict(
                                    "tournament_not_cancellable",
                                    "Tournament " + id + " is already " + t.status().apiName()));
                          }
                          return conn.preparedQuery(TournamentSql.REFUND_ENTRIES)
                              .execute(Tuple.of(id))
                              .compose(refunded -> refund(conn, t, refunded, sent, toCards))
                              .compose(
                                  refunded ->
                                      conn.preparedQuery(TournamentSql.MOVE)
                                          .execute(Tuple.of(id, t.status().apiName(), "cancelled"))
                                          .map(
                                              moved ->
                                                  Tournament.from(moved.iterator().next())
                                                      .toJson(true)
                                                      .put("refundedCents", refunded)));
                        }))
        .onSuccess(
            body -> {
              PostCommit.run("tournament cancelled", () -> sent.forEach(notifications::publish));
              for (CardRefund card : toCards) {
                PostCommit.announce(
                    "tournament entry card refund",
                    () -> cards.refund(card.paymentId(), card.cents(), card.key()));
              }
              PostCommit.announce(
                  "tournament cancelled",
                  () ->
                      events.publish(
                          "tournament:" + id,
                          "tournament.status",
                          new JsonObject().put("id", id).put("status", "cancelled")));
              if (was[0] == Status.ACTIVE) {
                PostCommit.announce(
                    "tournament books closed",
                    () ->
                        Future.all(symbols(id), entrantIds(id))
                            .compose(
                                both -> {
                                  Set<Long> users = new HashSet<>(both.<List<Long>>resultAt(1));
                                  users.add(houseId);
                                  return books.close(both.resultAt(0), users);
                                }));
              }
            });
  }

  /** Each paid entry back to where it came from (the wallet); answers the cents refunded. */
  private Future<Long> refund(
      SqlConnection conn,
      Tournament t,
      io.vertx.sqlclient.RowSet<Row> entries,
      List<Notification> sent,
      List<CardRefund> toCards) {
    Future<Long> total = Future.succeededFuture(0L);
    for (Row row : entries) {
      long userId = row.getLong("user_id");
      long paid = row.getLong("paid_cents");
      String paymentId = row.getString("payment_id");
      String key = "tournament:" + t.id() + ":entry:" + userId + ":refund";
      if (paid > 0 && paymentId != null) {
        toCards.add(new CardRefund(paymentId, paid, "tournament-" + t.id() + "-refund-" + userId));
      }
      JsonObject payload =
          new JsonObject()
              .put("tournamentId", t.id())
              .put("name", t.name())
              .put("refundedCents", paid);
      total =
          total.compose(
              sum -> {
                Future<?> back =
                    paid == 0
                        ? Future.succeededFuture()
                        : ledger.post(
                            conn,
                            LedgerTransaction.builder("tournament_entry_refund", key)
                                .reference("tournament:" + t.id())
                                .debit(LedgerAccount.tournamentPrizePool(t.id()), paid)
                                .credit(
                                    paymentId != null
                                        ? LedgerAccount.providerClearing(cards.provider())
                                        : LedgerAccount.userCash(userId),
                                    paid)
                                .build());
                return back.compose(
                        v -> notifications.record(conn, userId, "tournament_cancelled", payload))
                    .map(
                        n -> {
                          sent.add(n);
                          return sum + paid;
                        });
              });
    }
    return total;
  }

  // ---- market events and moderation ---------------------------------------------------------

  Future<JsonObject> addEvent(Caller caller, long id, JsonObject body) {
    return hostOrAdmin(caller, id)
        .compose(
            t -> {
              if (t.status() == Status.COMPLETED || t.status() == Status.CANCELLED) {
                return Future.failedFuture(notActive(t));
              }
              Instant at = instant(body, "at");
              if (body.getInteger("shockBps") == 0) {
                return Future.failedFuture(
                    Refused.unprocessable("shock_is_zero", "A news shock moves the price"));
              }
              if (at.isAfter(t.endsAt())) {
                return Future.failedFuture(
                    Refused.unprocessable(
                        "event_outside_tournament", "An event's time lies before endsAt"));
              }
              String symbol = body.getString("symbol");
              return symbols(id)
                  .compose(
                      symbols ->
                          symbols.contains(symbol)
                              ? db.one(
                                  TournamentSql.INSERT_EVENT,
                                  Tuple.of(
                                      id,
                                      symbol,
                                      body.getString("headline"),
                                      body.getInteger("shockBps"),
                                      at(at)))
                              : Future.failedFuture(
                                  Refused.unprocessable(
                                      "unknown_instrument",
                                      symbol + " is not one of the tournament's instruments")))
                  .map(TournamentService::eventJson);
            });
  }

  /**
   * A moderator disqualifies an entrant (audited in the moderation trail); their open orders are
   * cancelled and they leave the board. Their fee stays in the pool.
   */
  Future<JsonObject> disqualify(Caller moderator, long id, long userId, String reason) {
    return find(id)
        .compose(
            t -> {
              if (t.status() == Status.COMPLETED || t.status() == Status.CANCELLED) {
                return Future.failedFuture(notActive(t));
              }
              return db.tx(
                  conn ->
                      conn.preparedQuery(TournamentSql.DISQUALIFY)
                          .execute(Tuple.of(id, userId, moderator.userId(), reason))
                          .compose(
                              rows -> {
                                if (rows.size() == 0) {
                                  return Future.failedFuture(
                                      Refused.conflict(
                                          "not_an_entrant",
                                          "User " + userId + " is not an entrant in the running"));
                                }
                                return conn.preparedQuery(TournamentSql.AUDIT)
                                    .execute(
                                        Tuple.of(
                                            moderator.userId(),
                                            id + ":" + userId,
                                            userId,
                                            reason,
                                            new JsonObject().put("tournamentId", id)))
                                    .map(
                                        v ->
                                            new JsonObject()
                                                .put("tournamentId", id)
                                                .put("userId", userId)
                                                .put("status", "disqualified")
                                                .put("reason", reason));
                              }));
            })
        .compose(
            body ->
                symbols(id)
                    .compose(symbols -> books.cancelAll(symbols, userId))
                    .otherwiseEmpty()
                    .map(body));
  }

  /** Applies due news shocks (moves the bots' anchors) and announces them on the topic. */
  Future<Integer> applyDueEvents() {
    return db.query(TournamentSql.APPLY_DUE_EVENTS, Tuple.tuple())
        .map(
            rows -> {
              for (Row row : rows) {
                long tournamentId = row.getLong("tournament_id");
                events.publish(
                    "tournament:" + tournamentId,
                    "tournament.news",
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("symbol", row.getString("symbol"))
                        .put("headline", row.getString("headline"))
                        .put("shockBps", row.getInteger("shock_bps"))
                        .put("anchorPriceCents", row.getLong("anchor_price_cents")));
              }
              return rows.size();
            });
  }

  Future<Long> anchor(String symbol) {
    return db.one(TournamentSql.ANCHOR, Tuple.of(symbol))
        .map(row -> row == null ? null : row.getLong("anchor_price_cents"));
  }
}
