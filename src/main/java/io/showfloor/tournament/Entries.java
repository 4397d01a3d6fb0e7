package io.showfloor.tournament;

import io.showfloor.ledger.Ledger;
import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.tournament.Tournament.Status;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Entering a tournament: free, or paid from the wallet into the tournament's prize pool, with the
 * starting play money issued in the same transaction. The tournament's row is locked while an entry
 * is decided, so the count never passes the maximum and nobody enters twice.
 */
final class Entries {
  private final Database db;
  private final Ledger ledger;
  private final TournamentService tournaments;
  private final EventPublisher events;
  private final EntryCards cards;
  private final TournamentBooks books;

  Entries(
      Database db,
      Ledger ledger,
      TournamentService tournaments,
      EventPublisher events,
      EntryCards cards,
      TournamentBooks books) {
    this.books = books;
    this.db = db;
    this.ledger = ledger;
    this.tournaments = tournaments;
    this.events = events;
    this.cards = cards;
  }

  Future<IdempotentResult<JsonObject>> enter(
      Caller caller, long id, JsonObject body, @Nullable String key) {
    if (!"card".equals(body.getString("paymentMethod"))) {
      return enter(caller.userId(), id, body, key, null);
    }
    // a card is charged before the entry's transaction (a charge cannot roll back with it), after
    // the checks that can be made first; the provider's key makes a retry charge once, and an entry
    // refused after the charge gives it back. A charge the browser must confirm answers its client
    // secret, and the provider's webhook makes the entry (cardPaid).
    long userId = caller.userId();
    String chargeKey = "tournament-" + id + "-entry-" + userId;
    Future<Boolean> made =
        key == null
            ? Future.succeededFuture(false)
            : db.one(TournamentSql.ENTRY_BY_KEY, Tuple.of(userId, key)).map(row -> row != null);
    return made.compose(
        replay ->
            replay
                // this key's entry exists (paid at once, or made by the webhook): answer it again
                ? enter(userId, id, body, key, null)
                : chargeAndEnter(userId, id, body, key, chargeKey));
  }

  private Future<IdempotentResult<JsonObject>> chargeAndEnter(
      long userId, long id, JsonObject body, @Nullable String key, String chargeKey) {
    return tournaments
        .find(id)
        .compose(t -> cardChecks(t, userId, body, key))
        .compose(
            t ->
                cards
                    .charge(
                        id,
                        userId,
                        t.entryFeeCents(),
                        body.getString("paymentMethodId"),
                        chargeKey,
                        key)
                    .compose(
                        charge ->
                            !charge.confirmed()
                                ? Future.succeededFuture(
                                    IdempotentResult.fresh(awaitingConfirmation(t, charge)))
                                : enter(userId, id, body, key, charge.paymentId())
                                    .recover(
                                        refused ->
                                            refused instanceof Refused
                                                ? cards
                                                    .refund(
                                                        charge.paymentId(),
                                                        t.entryFeeCents(),
                                                        chargeKey + "-refund")
                                                    .transform(v -> Future.failedFuture(refused))
                                                : Future.failedFuture(refused))));
  }

  /** What the caller's browser needs to confirm the card (Stripe.js confirmCardPayment). */
  private static JsonObject awaitingConfirmation(Tournament t, EntryCards.Charge charge) {
    return new JsonObject()
        .put("tournamentId", t.id())
        .put("status", REQUIRES_CONFIRMATION)
        .put("paymentId", charge.paymentId())
        .put("clientSecret", charge.clientSecret())
        .put("amountCents", t.entryFeeCents());
  }

  /** The status of an entry whose card the browser has still to confirm (answered 202). */
  static final String REQUIRES_CONFIRMATION = "requires_confirmation";

  /**
   * The provider reports an entry's card payment succeeded (in the webhook's transaction, once per
   * event): the entry is made as if paid at once. If the entry is refused now (closed, full,
   * entered meanwhile), the card is refunded after the commit. A payment already behind an entry
   * (the answer to a card confirmed at once got there first) changes nothing.
   */
  Future<String> cardPaid(
      SqlConnection conn,
      long id,
      long userId,
      String paymentId,
      long cents,
      @Nullable String key,
      List<Runnable> afterCommit) {
    return conn.preparedQuery(TournamentSql.BY_ID_FOR_UPDATE)
        .execute(Tuple.of(id))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture("ignored: no tournament " + id);
              }
              Tournament t = Tournament.from(rows.iterator().next());
              return conn.preparedQuery(TournamentSql.ENTRY_OF)
                  .execute(Tuple.of(id, userId))
                  .compose(
                      existing -> {
                        if (existing.size() > 0
                            && paymentId.equals(
                                existing.iterator().next().getString("payment_id"))) {
                          return Future.succeededFuture("entry already made with this payment");
                        }
                        if (cents != t.entryFeeCents()) {
                          return Future.failedFuture(
                              Refused.unprocessable(
                                  "amount_mismatch",
                                  "The payment of " + cents + " is not the entry fee"));
                        }
                        // the invite code was checked before the payment was created
                        JsonObject body =
                            new JsonObject()
                                .put("paymentMethod", "card")
                                .put("inviteCode", t.inviteCode());
                        return admit(conn, t, userId, body, key, paymentId)
                            .map(
                                v -> {
                                  afterCommit.add(() -> announceEntrant(id, userId));
                                  return "entry " + id + ":" + userId + " paid by card";
                                });
                      })
                  .recover(
                      failure -> {
                        if (!(failure instanceof Refused refused)) {
                          return Future.failedFuture(failure);
                        }
                        afterCommit.add(
                            () ->
                                PostCommit.announce(
                                    "tournament entry card refund",
                                    () ->
                                        cards.refund(
                                            paymentId,
                                            cents,
                                            "tournament-" + id + "-entry-" + userId + "-refund")));
                        return Future.succeededFuture(
                            "entry refused (" + refused.code() + "); card refunded");
                      });
            });
  }

  private void announceEntrant(long id, long userId) {
    db.one(TournamentSql.ENTRY_OF, Tuple.of(id, userId))
        .onSuccess(
            row -> {
              if (row != null) {
                events.publish(
                    "tournament:" + id,
                    "tournament.entrant",
                    new JsonObject()
                        .put("userId", userId)
                        .put("displayName", row.getString("display_name")));
              }
            });
  }

  /** What can be checked before charging a card (the transaction checks everything again). */
  private Future<Tournament> cardChecks(
      Tournament t, long userId, JsonObject body, @Nullable String key) {
    if (t.entryFeeCents() == 0) {
      return Future.failedFuture(
          Refused.unprocessable("payment_method_unavailable", "This tournament is free"));
    }
    if (t.status() != Status.OPEN) {
      return Future.failedFuture(notOpen(t));
    }
    if (t.isPrivate() && !Objects.equals(t.inviteCode(), body.getString("inviteCode"))) {
      return Future.failedFuture(inviteInvalid());
    }
    return db.one(TournamentSql.ENTRY_OF, Tuple.of(t.id(), userId))
        .compose(
            row ->
                row != null && (key == null || !key.equals(row.getString("idempotency_key")))
                    ? Future.failedFuture(alreadyEntered())
                    : Future.succeededFuture(t));
  }

  private static Refused notOpen(Tournament t) {
    return Refused.conflict(
        "tournament_not_open",
        "Tournament " + t.id() + " is " + t.status().apiName() + "; entries are closed");
  }

  private static Refused inviteInvalid() {
    return Refused.forbidden(
        "invite_code_invalid", "This private tournament needs its invite code");
  }

  private static Refused alreadyEntered() {
    return Refused.conflict("already_entered", "You are already in this tournament");
  }

  private Future<IdempotentResult<JsonObject>> enter(
      long userId, long id, JsonObject body, @Nullable String key, @Nullable String cardPaymentId) {
    return db.tx(
            conn ->
                Tournament.lock(conn, id)
                    .compose(
                        t -> {
                          Future<@Nullable Long> earlier =
                              key == null
                                  ? Future.succeededFuture(null)
                                  : conn.preparedQuery(TournamentSql.ENTRY_BY_KEY)
                                      .execute(Tuple.of(userId, key))
                                      .map(
                                          found ->
                                              found.size() == 0
                                                  ? null
                                                  : found
                                                      .iterator()
                                                      .next()
                                                      .getLong("tournament_id"));
                          return earlier.compose(
                              previous -> {
                                if (previous != null) {
                                  if (previous != id) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "idempotency_key_reused",
                                            "This Idempotency-Key entered another tournament"));
                                  }
                                  return entry(conn, id, userId).map(IdempotentResult::replayed);
                                }
                                return paidAlready(conn, id, userId, cardPaymentId)
                                    .compose(
                                        made ->
                                            made
                                                ? Future.succeededFuture()
                                                : admit(conn, t, userId, body, key, cardPaymentId))
                                    .compose(v -> entry(conn, id, userId))
                                    .map(IdempotentResult::fresh);
                              });
                        }))
        .onSuccess(
            entered -> {
              if (!entered.replayed()) {
                PostCommit.announce(
                    "tournament entry",
                    () ->
                        events.publish(
                            "tournament:" + id,
                            "tournament.entrant",
                            new JsonObject()
                                .put("userId", userId)
                                .put("displayName", entered.value().getString("displayName"))));
              }
            });
  }

  /** True when the webhook already made the entry this card payment pays for. */
  private static Future<Boolean> paidAlready(
      SqlConnection conn, long id, long userId, @Nullable String cardPaymentId) {
    if (cardPaymentId == null) {
      return Future.succeededFuture(false);
    }
    return conn.preparedQuery(TournamentSql.ENTRY_OF)
        .execute(Tuple.of(id, userId))
        .map(
            rows ->
                rows.size() > 0
                    && cardPaymentId.equals(rows.iterator().next().getString("payment_id")));
  }

  /** Every rule an entry must meet, then the entry, its fee and its play money. */
  private Future<Void> admit(
      SqlConnection conn,
      Tournament t,
      long userId,
      JsonObject body,
      @Nullable String key,
      @Nullable String cardPaymentId) {
    if (t.status() != Status.OPEN) {
      return Future.failedFuture(notOpen(t));
    }
    if (t.isPrivate() && !Objects.equals(t.inviteCode(), body.getString("inviteCode"))) {
      return Future.failedFuture(inviteInvalid());
    }
    if (userId == t.houseId()) {
      return Future.failedFuture(
          Refused.conflict("house_cannot_enter", "The house makes the market; it does not enter"));
    }
    String method = body.getString("paymentMethod", t.entryFeeCents() == 0 ? "free" : "wallet");
    if (t.entryFeeCents() == 0 && !"free".equals(method)) {
      method = "free";
    }
    if (t.entryFeeCents() > 0 && !"wallet".equals(method) && cardPaymentId == null) {
      return Future.failedFuture(
          Refused.unprocessable(
              "payment_method_unavailable", "A paid entry is paid from the wallet or by card"));
    }
    String paidWith = method;
    return conn.preparedQuery(TournamentSql.ENTRY_OF)
        .execute(Tuple.of(t.id(), userId))
        .compose(
            existing -> {
              if (existing.size() > 0) {
                return Future.failedFuture(alreadyEntered());
              }
              return conn.preparedQuery(TournamentSql.ENTRY_COUNT).execute(Tuple.of(t.id()));
            })
        .compose(
            count -> {
              if (count.iterator().next().getLong("n") >= t.maxEntrants()) {
                return Future.failedFuture(
                    Refused.conflict(
                        "tournament_full",
                        "Tournament " + t.id() + " has its " + t.maxEntrants() + " entrants"));
              }
              return conn.preparedQuery(TournamentSql.INSERT_ENTRY)
                  .execute(
                      // the card's payment id: a cancel refunds the card, not the wallet
                      Tuple.of(t.id(), userId, t.entryFeeCents(), paidWith, cardPaymentId, key));
            })
        .compose(
            inserted ->
                t.entryFeeCents() == 0 || cardPaymentId != null
                    ? Future.succeededFuture()
                    : walletCovers(conn, userId, t.entryFeeCents()))
        .compose(
            covered ->
                t.entryFeeCents() == 0
                    ? Future.succeededFuture()
                    : ledger.post(
                        conn,
                        LedgerTransaction.builder(
                                "tournament_entry_fee", "tournament:" + t.id() + ":entry:" + userId)
                            .reference("tournament:" + t.id())
                            .debit(
                                cardPaymentId != null
                                    ? LedgerAccount.providerClearing(cards.provider())
                                    : LedgerAccount.userCash(userId),
                                t.entryFeeCents())
                            .credit(LedgerAccount.tournamentPrizePool(t.id()), t.entryFeeCents())
                            .build()))
        .compose(v -> tournaments.grantPlayCash(conn, t.id(), userId, t.startingCashCents()));
  }

  /**
   * A wallet entry fee may not spend what open market buys hold of the wallet's cash (a reservation
   * the guarded balance cannot see): checked under the cash row's lock, as a withdrawal does.
   */
  private Future<Void> walletCovers(SqlConnection conn, long userId, long feeCents) {
    return ledger
        .lockBalance(conn, LedgerAccount.userCash(userId))
        .compose(
            cash ->
                books
                    .walletCashHeld(conn, userId)
                    .compose(
                        held ->
                            cash - held >= feeCents
                                ? Future.<Void>succeededFuture()
                                : Future.failedFuture(
                                    Refused.unprocessable(
                                        "insufficient_funds",
                                        "Not enough funds for this movement"))));
  }

  private Future<JsonObject> entry(SqlConnection conn, long id, long userId) {
    return conn.preparedQuery(TournamentSql.ENTRY_OF)
        .execute(Tuple.of(id, userId))
        .map(rows -> entryJson(rows.iterator().next()));
  }

  static JsonObject entryJson(Row row) {
    return new JsonObject()
        .put("tournamentId", row.getLong("tournament_id"))
        .put("userId", row.getLong("user_id"))
        .put("displayName", row.getString("display_name"))
        .put("status", row.getString("status"))
        .put("paidCents", row.getLong("paid_cents"))
        .put("paidWith", row.getString("paid_with"))
        .put("enteredAt", row.getOffsetDateTime("entered_at").toInstant().toString())
        .put("finalRank", row.getInteger("final_rank"))
        .put("finalEquityCents", row.getLong("final_equity_cents"))
        .put("prizeCents", row.getLong("prize_cents"));
  }

  Future<JsonObject> list(long id) {
    return tournaments
        .find(id)
        .compose(t -> db.query(TournamentSql.ENTRIES, Tuple.of(id)))
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              rows.forEach(row -> items.add(entryJson(row)));
              return new JsonObject().put("items", items);
            });
  }

  /** The caller's entry, whatever its status. */
  Future<JsonObject> mine(long id, long userId) {
    return db.one(TournamentSql.ENTRY_OF, Tuple.of(id, userId))
        .compose(
            row ->
                row == null
                    ? Future.failedFuture(
                        Refused.notFound("not_an_entrant", "You have not entered this tournament"))
                    : Future.succeededFuture(entryJson(row)));
  }

  /** The caller's entry, or a refusal naming why they may not trade. */
  Future<Row> activeEntry(long id, long userId) {
    return db.one(TournamentSql.ENTRY_OF, Tuple.of(id, userId))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(
                    Refused.forbidden("not_an_entrant", "Enter the tournament to trade in it"));
              }
              if (!"entered".equals(row.getString("status"))) {
                return Future.failedFuture(
                    Refused.forbidden(
                        "entrant_" + row.getString("status"),
                        "Your entry is " + row.getString("status")));
              }
              return Future.succeededFuture(row);
            });
  }
}
