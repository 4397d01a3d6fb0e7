package io.showfloor.auction;

import io.showfloor.auction.rules.Bid;
import io.showfloor.auction.rules.BidOutcome;
import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.auction.rules.Refusal;
import io.showfloor.platform.http.ApiError;
import io.showfloor.platform.http.Reply;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.show.ShowAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Bids: one transaction per bid that locks the lot row, applies {@link ProxyBidding}, stores the
 * bid (accepted or refused, with its answer) and commits; any node can take any bid. The answer
 * goes out after the commit, then the events.
 */
final class BidService {
  private final Database db;
  private final LotEvents events;
  private final LotDeadlines deadlines;
  private final AuctionNotices notices;
  private final LotBatches batches;
  private final SaleOrders cards;
  private final Timer acknowledged;

  BidService(Database db, LotEvents events, LotDeadlines deadlines, AuctionNotices notices,
             SaleOrders cards, MeterRegistry metrics) {
    this.acknowledged = Timer.builder("showfloor.bid.ack")
        .description("From a bid (HTTP or WebSocket) to its answer, accepted or refused").register(metrics);
    this.notices = notices;
    this.cards = cards;
    this.batches = new LotBatches(db, this);
    this.db = db;
    this.events = events;
    this.deadlines = deadlines;
  }

  /** What a bid did, decided inside the transaction and acted on after it. */
  record Attempt(int status, JsonObject reply, Lot lot, @Nullable BidOutcome outcome, @Nullable JsonObject bid) {}

  static String nameOf(Caller caller) {
    return caller.displayName() == null ? "Bidder " + caller.userId() : caller.displayName();
  }

  Future<Reply> place(Caller caller, long lotId, long amountCents, @Nullable Long maxAmountCents,
                      @Nullable String idempotencyKey) {
    long started = System.nanoTime();
    long max = maxAmountCents == null ? amountCents : maxAmountCents;
    Future<Reply> earlier = idempotencyKey == null ? Future.succeededFuture() : replay(caller.userId(), idempotencyKey);
    return earlier.compose(previous -> previous != null ? Future.succeededFuture(previous)
        : refuseEarly(caller, lotId, amountCents, max, idempotencyKey)
            .compose(early -> early != null ? Future.succeededFuture(early)
                : batches.submit(lotId, new LotBatches.Pending(caller, amountCents, max, idempotencyKey)))
            .compose(this::afterCommit)
            // the same key raced in on another connection: answer what that one answered
            // only a bid with a key can collide on bids_idempotency
            .recover(failure -> idempotencyKey != null && Database.isUniqueViolation(failure, "bids_idempotency")
                ? replay(caller.userId(), idempotencyKey)
                : Future.failedFuture(failure)))
        .onComplete(done -> acknowledged.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  /**
   * Refuses without taking the lot's lock what no later state could accept: the price never falls,
   * so a bid below the minimum now is too low for good, and sellers stay sellers. On a hot lot this
   * keeps stale bids from queueing on the row lock behind the bids that count. Bidders banned or
   * timed out in the lot's show are turned away here (403), before anything is stored.
   */
  private Future<Attempt> refuseEarly(Caller caller, long lotId, long amount, long max, @Nullable String key) {
    return db.one(LotSql.FOR_BID, Tuple.of(lotId, caller.userId())).compose(row -> {
      if (row == null) {
        return Future.failedFuture(ApiError.notFound("lot_not_found", "No lot " + lotId));
      }
      ShowAccess.requireNotSanctioned(row);
      Lot lot = Lot.from(row);
      boolean biddable = lot.state().status() == LotStatus.OPEN || lot.state().status() == LotStatus.QUEUED;
      if (biddable && row.getBoolean("require_saved_card")) {
        // the show's rule: only bidders who can be charged the moment they win (stored like any refusal)
        // and a default address, so the order the charge pays knows where to ship
        return cards.hasReadyCard(caller.userId()).compose(hasCard -> hasCard
            ? cards.requireAddress(caller.userId(), "bidding in a show that charges your saved card when you win")
                .compose(v -> refuseEarlyByRules(caller, lot, row, amount, max, key))
            : refuse(db.pool(), caller, lot, amount, max, key, Refusal.SAVED_CARD_REQUIRED,
                lot.state().status() == LotStatus.QUEUED));
      }
      return refuseEarlyByRules(caller, lot, row, amount, max, key);
    });
  }

  private Future<Attempt> refuseEarlyByRules(Caller caller, Lot lot, Row row, long amount, long max,
                                             @Nullable String key) {
    if (lot.state().status() != LotStatus.OPEN) {
      return Future.succeededFuture();
    }
    BidOutcome outcome = ProxyBidding.placeBid(lot.state(), Bid.upTo(caller.userId(), amount, max), Lot.instant(row, "now"));
    Refusal refusal = outcome.refusal().orElse(null);
    boolean forGood = refusal == Refusal.BID_TOO_LOW || refusal == Refusal.OWN_LOT || refusal == Refusal.INVALID_AMOUNT;
    return refusal != null && forGood ? refuse(db.pool(), caller, lot, amount, max, key, refusal, false)
        : Future.succeededFuture();
  }

  /**
   * The bids queued on one lot, in one transaction: the row is locked once, each bid is decided on
   * the state the previous one left, each is stored, and one commit makes them all durable.
   */
  Future<List<Attempt>> applyAll(SqlConnection conn, long lotId, List<LotBatches.Pending> bids) {
    return conn.preparedQuery(LotSql.LOCK).execute(Tuple.of(lotId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ApiError.notFound("lot_not_found", "No lot " + lotId));
      }
      Row row = rows.iterator().next();
      Instant now = Lot.instant(row, "now");
      List<Attempt> attempts = new ArrayList<>();
      Future<Lot> chain = Future.succeededFuture(Lot.from(row));
      for (LotBatches.Pending bid : bids) {
        chain = chain.compose(lot -> apply(conn, bid.caller(), lot, now, bid.amountCents(), bid.maxCents(), bid.key())
            .map(attempt -> {
              attempts.add(attempt);
              return attempt.lot();
            }));
      }
      return chain.map(last -> attempts);
    });
  }

  private Future<Attempt> apply(SqlConnection conn, Caller caller, Lot lot, Instant now, long amount, long max,
                                @Nullable String key) {
    if (lot.state().status() == LotStatus.QUEUED) {
      return preBid(conn, caller, lot, amount, max, key, now);
    }
    BidOutcome outcome = ProxyBidding.placeBid(lot.state(), Bid.upTo(caller.userId(), amount, max), now);
    if (!outcome.accepted()) {
      return refuse(conn, caller, lot, amount, max, key, outcome.refusal().get(), false);
    }
    LotState after = outcome.lot();
    Leader leader = after.leader().orElseThrow();
    String leaderName = leader.bidderId() == caller.userId() ? nameOf(caller) : lot.leaderName();
    Lot updated = new Lot(lot.id(), lot.showId(), lot.productId(), lot.position(), lot.durationSeconds(),
        leaderName, null, null, null, after, Lot.AfterSale.NONE);
    JsonObject bid = bidJson(caller, lot.id(), amount, max, true, outcome.leading(), false, after.currentPriceCents());
    JsonObject reply = new JsonObject().put("bid", bid).put("lot", updated.toJson(now));
    return conn.preparedQuery(LotSql.ACCEPT_BID).execute(Tuple.from(new Object[] {
            lot.id(), caller.userId(), nameOf(caller), amount, max, outcome.leading(), after.currentPriceCents(),
            offset(after.endsAt()), key, reply, leader.bidderId(), leaderName, leader.maxCents(),
            offset(leader.maxSince()), after.bidCount()}))
        .map(inserted -> {
          Row created = inserted.iterator().next();
          bid.put("id", created.getLong("id")).put("createdAt", Lot.instant(created, "created_at").toString());
          return inserted;
        })
        .map(done -> new Attempt(201, reply, updated, outcome, bid));
  }

  /** A maximum left on a queued lot; it is resolved by the rules the moment the lot opens. */
  private Future<Attempt> preBid(SqlConnection conn, Caller caller, Lot lot, long amount, long max, @Nullable String key,
                                 Instant now) {
    LotState state = lot.state();
    Refusal refusal = null;
    if (amount <= 0 || max < amount) {
      refusal = Refusal.INVALID_AMOUNT;
    } else if (caller.userId() == state.sellerId() || caller.userId() == state.hostId()) {
      refusal = Refusal.OWN_LOT;
    } else if (max < state.startingPriceCents()) {
      refusal = Refusal.BID_TOO_LOW;
    }
    if (refusal != null) {
      return refuse(conn, caller, lot, amount, max, key, refusal, true);
    }
    JsonObject bid = bidJson(caller, lot.id(), amount, max, true, false, true, state.currentPriceCents());
    JsonObject reply = new JsonObject().put("bid", bid).put("lot", lot.toJson(now));
    return conn.preparedQuery(LotSql.INSERT_BID).execute(Tuple.from(new Object[] {
            lot.id(), caller.userId(), nameOf(caller), amount, max, true, true, false, null,
            state.currentPriceCents(), null, key, 201, reply}))
        .map(inserted -> {
          Row created = inserted.iterator().next();
          bid.put("id", created.getLong("id")).put("createdAt", Lot.instant(created, "created_at").toString());
          return new Attempt(201, reply, lot, null, bid);
        });
  }

  /** A refused bid is stored with its reason, the lot stays as it was, and the client gets a problem. */
  private Future<Attempt> refuse(SqlClient conn, Caller caller, Lot lot, long amount, long max, @Nullable String key,
                                 Refusal refusal, boolean preBid) {
    ApiError error = Refusals.toError(refusal);
    JsonObject problem = new JsonObject().put("code", error.code()).put("detail", error.detail());
    return conn.preparedQuery(LotSql.INSERT_BID).execute(Tuple.from(new Object[] {
            lot.id(), caller.userId(), nameOf(caller), amount, max, preBid, false, false, refusal.code(),
            lot.state().currentPriceCents(), offset(lot.state().endsAt()), key, error.status(), problem}))
        .map(inserted -> new Attempt(error.status(), problem, lot, null, null));
  }

  private Future<Reply> afterCommit(Attempt attempt) {
    if (attempt.status() != 201) {
      return Future.failedFuture(problem(attempt.status(), attempt.reply()));
    }
    BidOutcome outcome = attempt.outcome();
    if (outcome != null) {
      String what = "a bid on lot " + attempt.lot().id();
      PostCommit.run(what, () -> deadlines.watch(attempt.lot().id(), attempt.lot().state().endsAt()));
      Long outbid = outcome.outbidBidderId().isPresent() ? outcome.outbidBidderId().getAsLong() : null;
      // an accepted bid's attempt always carries the bid's JSON (apply builds it with the outcome)
      JsonObject bid = Objects.requireNonNull(attempt.bid(), "bid");
      // the reply does not wait for the fan-out: the bid is committed, delivery is best effort
      PostCommit.announce(what, () -> events.bidAccepted(attempt.lot(), bid, outcome.extended(), outbid,
          Instant.parse(attempt.reply().getJsonObject("lot").getString("serverTime"))));
      if (outbid != null) {
        PostCommit.run(what, () -> notices.outbid(attempt.lot(), outbid));
      }
    }
    return Future.succeededFuture(Reply.created(attempt.reply()));
  }

  private Future<Reply> replay(long bidderId, String key) {
    return db.one(LotSql.REPLAY, Tuple.of(bidderId, key)).compose(row -> {
      if (row == null) {
        return Future.succeededFuture();
      }
      int status = row.getInteger("reply_status");
      JsonObject reply = (JsonObject) row.getValue("reply");
      if (status == 201) {
        reply.getJsonObject("bid").put("id", row.getLong("id"))
            .put("createdAt", Lot.instant(row, "created_at").toString());
      }
      return status == 201 ? Future.succeededFuture(Reply.created(reply))
          : Future.failedFuture(problem(status, reply));
    });
  }

  private static ApiError problem(int status, JsonObject stored) {
    String title = switch (status) {
      case 400 -> "Bad request";
      case 403 -> "Forbidden";
      default -> "Conflict";
    };
    return new ApiError(status, stored.getString("code"), title, stored.getString("detail"));
  }

  Future<JsonObject> history(long lotId, @Nullable Long before, int limit) {
    return db.one("SELECT id FROM lots WHERE id = $1", Tuple.of(lotId)).compose(lot -> {
      if (lot == null) {
        return Future.failedFuture(ApiError.notFound("lot_not_found", "No lot " + lotId));
      }
      return db.query(LotSql.HISTORY, Tuple.of(lotId, before, limit)).map(rows -> {
        JsonArray bids = new JsonArray();
        Long last = null;
        for (Row row : rows) {
          last = row.getLong("id");
          bids.add(new JsonObject().put("id", last).put("lotId", row.getLong("lot_id"))
              .put("bidderId", row.getLong("bidder_id")).put("bidderName", row.getString("bidder_name"))
              .put("amountCents", row.getLong("amount_cents")).put("accepted", row.getBoolean("accepted"))
              .put("leading", row.getBoolean("is_leading")).put("preBid", row.getBoolean("pre_bid"))
              .put("priceAfterCents", row.getLong("price_after_cents"))
              .put("createdAt", Lot.instant(row, "created_at").toString()));
        }
        return new JsonObject().put("bids", bids).put("nextBefore", rows.size() == limit ? last : null);
      });
    });
  }

  private static JsonObject bidJson(Caller caller, long lotId, long amount, long max, boolean accepted, boolean leading,
                                    boolean preBid, long priceAfter) {
    return new JsonObject().put("lotId", lotId).put("bidderId", caller.userId())
        .put("bidderName", nameOf(caller)).put("amountCents", amount).put("maxAmountCents", max)
        .put("accepted", accepted).put("leading", leading).put("preBid", preBid).put("priceAfterCents", priceAfter);
  }

  static java.time.@Nullable OffsetDateTime offset(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
