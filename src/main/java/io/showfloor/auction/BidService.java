package io.showfloor.auction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.showfloor.auction.rules.Bid;
import io.showfloor.auction.rules.BidOutcome;
import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.auction.rules.Refusal;
import io.showfloor.notify.Notification;
import io.showfloor.platform.IdempotentResult;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.KeysetPage;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.show.ShowAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one bid path, for HTTP and the WebSocket alike: the bidder's pace, a replay of an earlier
 * answer to the same key, the refusals that need no lock, then one transaction for the bids of many
 * lots ({@link LotBatches}) that locks their rows, applies {@link ProxyBidding}, stores every bid
 * (accepted or refused, with its outcome and answer) and the outbid notices, and commits; any node
 * can take any bid. The answer goes out after the commit, then the events.
 */
final class BidService {
  /** The stored outcome of an accepted bid; a refused one stores its refusal's code. */
  static final String ACCEPTED = "accepted";

  private final Database db;
  private final CallerPace pace;
  private final LotEvents events;
  private final LotDeadlines deadlines;
  private final AuctionNotices notices;
  private final LotBatches<Pending, Attempt> batches;
  private final SaleOrders cards;
  private final Timer acknowledged;

  BidService(
      Database db,
      CallerPace pace,
      LotEvents events,
      LotDeadlines deadlines,
      AuctionNotices notices,
      SaleOrders cards,
      int bidTransactionsInFlight,
      MeterRegistry metrics) {
    this.db = db;
    this.pace = pace;
    this.acknowledged =
        Timer.builder("showfloor.bid.ack")
            .description("From a bid (HTTP or WebSocket) to its answer, accepted or refused")
            .register(metrics);
    this.notices = notices;
    this.cards = cards;
    this.events = events;
    this.deadlines = deadlines;
    this.batches = new LotBatches<>(db, bidTransactionsInFlight, this::applyAll);
  }

  /** A bid waiting for its lot's next transaction. */
  record Pending(Caller caller, BidRequest bid) {}

  /**
   * What a bid did, decided inside the transaction and acted on after it: accepted when {@code
   * refusal} is null. {@code reply} is the answer stored with it (the bid and the lot, or the
   * refusal's {@code code} and {@code detail}).
   */
  record Attempt(
      @Nullable Refusal refusal,
      JsonObject reply,
      Lot lot,
      @Nullable BidOutcome outcome,
      @Nullable JsonObject bid,
      @Nullable Notification outbidNotice) {
    Attempt withOutbidNotice(Notification notice) {
      return new Attempt(refusal, reply, lot, outcome, bid, notice);
    }
  }

  static String nameOf(Caller caller) {
    return caller.displayName() == null ? "Bidder " + caller.userId() : caller.displayName();
  }

  /**
   * Places {@code bid}: succeeds with {@code {bid, lot}} (a replay when its key was answered
   * before), fails with a {@link Refused} (a refused bid is stored with its outcome and answered
   * again the same way for the same key).
   */
  Future<IdempotentResult<JsonObject>> place(Caller caller, BidRequest bid) {
    long started = System.nanoTime();
    String key = bid.idempotencyKey();
    return pace.check("bid", caller.userId())
        .compose(v -> key == null ? Future.succeededFuture() : replay(caller.userId(), key))
        .compose(
            previous ->
                previous != null
                    ? Future.succeededFuture(previous)
                    : refuseEarly(caller, bid)
                        .compose(
                            early ->
                                early != null
                                    ? Future.succeededFuture(early)
                                    : batches.submit(bid.lotId(), new Pending(caller, bid)))
                        .compose(this::afterCommit)
                        // the same key raced in on another connection: answer what that one
                        // answered
                        // only a bid with a key can collide on bids_idempotency
                        .recover(
                            failure ->
                                key != null
                                        && Database.isUniqueViolation(failure, "bids_idempotency")
                                    ? replay(caller.userId(), key).map(Objects::requireNonNull)
                                    : Future.failedFuture(failure)))
        .onComplete(done -> acknowledged.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }

  /**
   * Refuses without taking the lot's lock what no later state could accept ({@link
   * Refusal#forGood()}). On a hot lot this keeps stale bids from queueing on the row lock behind
   * the bids that count. Bidders banned or timed out in the lot's show are turned away here (403),
   * before anything is stored.
   */
  private Future<Attempt> refuseEarly(Caller caller, BidRequest bid) {
    return db.one(LotSql.FOR_BID, Tuple.of(bid.lotId(), caller.userId()))
        .compose(
            row -> {
              if (row == null) {
                return Future.failedFuture(Lot.notFound(bid.lotId()));
              }
              ShowAccess.requireNotSanctioned(row);
              Lot lot = Lot.from(row);
              boolean biddable =
                  lot.state().status() == LotStatus.OPEN
                      || lot.state().status() == LotStatus.QUEUED;
              if (biddable && row.getBoolean("require_saved_card")) {
                // the show's rule: only bidders who can be charged the moment they win (stored like
                // any refusal)
                // and a default address, so the order the charge pays knows where to ship
                return cards
                    .hasReadyCard(caller.userId())
                    .compose(
                        hasCard ->
                            hasCard
                                ? cards
                                    .requireAddress(
                                        caller.userId(),
                                        "bidding in a show that charges your saved card when you win")
                                    .compose(v -> refuseEarlyByRules(caller, lot, row, bid))
                                : refuse(
                                    db.pool(),
                                    caller,
                                    lot,
                                    bid,
                                    Refusal.SAVED_CARD_REQUIRED,
                                    lot.state().status() == LotStatus.QUEUED));
              }
              return refuseEarlyByRules(caller, lot, row, bid);
            });
  }

  private Future<Attempt> refuseEarlyByRules(Caller caller, Lot lot, Row row, BidRequest bid) {
    Refusal refusal =
        ProxyBidding.refusalForGood(lot.state(), ruleBid(caller, bid), Lot.instant(row, "now"))
            .orElse(null);
    return refusal != null
        ? refuse(db.pool(), caller, lot, bid, refusal, false)
        : Future.succeededFuture();
  }

  /**
   * One transaction of bids over several lots: the lots locked in one statement (in id order), each
   * lot's bids decided in memory in arrival order on the state the previous one left, then every
   * bid row, each lot's new state and the outbid notices written together (one statement for the
   * bids and lots, the notices pipelined behind it), and one commit makes them all durable.
   */
  private Future<List<List<Attempt>>> applyAll(
      SqlConnection conn, List<Long> lotIds, List<List<Pending>> bids) {
    return conn.preparedQuery(LotSql.LOCK_MANY)
        .execute(Tuple.of(lotIds.toArray(Long[]::new)))
        .compose(
            rows -> {
              Map<Long, Row> locked = new HashMap<>();
              for (Row row : rows) {
                locked.put(row.getLong("id"), row);
              }
              BidWrites writes = new BidWrites();
              List<List<Attempt>> decided = new ArrayList<>(lotIds.size());
              for (int g = 0; g < lotIds.size(); g++) {
                Row row = locked.get(lotIds.get(g));
                if (row == null) {
                  return Future.failedFuture(Lot.notFound(lotIds.get(g)));
                }
                decided.add(decideLot(Lot.from(row), Lot.instant(row, "now"), bids.get(g), writes));
              }
              Future<RowSet<Row>> written =
                  conn.preparedQuery(LotSql.WRITE_BIDS).execute(writes.tuple());
              List<AuctionNotices.Outbid> outbids = new ArrayList<>();
              for (List<Attempt> lot : decided) {
                for (Attempt attempt : lot) {
                  BidOutcome outcome = attempt.outcome();
                  if (outcome != null && outcome.outbidBidderId().isPresent()) {
                    outbids.add(
                        new AuctionNotices.Outbid(
                            attempt.lot(), outcome.outbidBidderId().getAsLong()));
                  }
                }
              }
              Future<List<Notification>> notices =
                  outbids.isEmpty()
                      ? Future.succeededFuture(List.of())
                      : this.notices.outbid(conn, outbids);
              // join, not all: the transaction ends only once every statement sent on it has
              return Future.join(written, notices)
                  .map(done -> stamped(decided, written.result(), notices.result()));
            });
  }

  /** A lot's bids decided one after the other; the lot's last state is written once. */
  private List<Attempt> decideLot(Lot lot, Instant now, List<Pending> bids, BidWrites writes) {
    List<Attempt> attempts = new ArrayList<>(bids.size());
    Lot current = lot;
    boolean changed = false;
    for (Pending pending : bids) {
      Attempt attempt = decide(pending.caller(), current, now, pending.bid(), writes);
      changed |= attempt.outcome() != null;
      current = attempt.lot();
      attempts.add(attempt);
    }
    if (changed) {
      writes.lot(current);
    }
    return attempts;
  }

  /**
   * The decided attempts with their stored rows' ids (returned in the order written) and their
   * outbid notices (in the order asked for).
   */
  private static List<List<Attempt>> stamped(
      List<List<Attempt>> decided, RowSet<Row> stored, List<Notification> notices) {
    Iterator<Row> rows = stored.iterator();
    Iterator<Notification> notice = notices.iterator();
    List<List<Attempt>> answers = new ArrayList<>(decided.size());
    for (List<Attempt> lot : decided) {
      List<Attempt> answered = new ArrayList<>(lot.size());
      for (Attempt attempt : lot) {
        Row row = rows.next();
        JsonObject bid = attempt.bid();
        if (bid != null) {
          BidView.stamp(bid, row);
        }
        BidOutcome outcome = attempt.outcome();
        answered.add(
            outcome != null && outcome.outbidBidderId().isPresent()
                ? attempt.withOutbidNotice(notice.next())
                : attempt);
      }
      answers.add(answered);
    }
    return answers;
  }

  private Attempt decide(Caller caller, Lot lot, Instant now, BidRequest bid, BidWrites writes) {
    if (lot.state().status() == LotStatus.QUEUED) {
      return preBid(caller, lot, bid, now, writes);
    }
    BidOutcome outcome = ProxyBidding.placeBid(lot.state(), ruleBid(caller, bid), now);
    if (!outcome.accepted()) {
      return refused(writes, caller, lot, bid, outcome.refusal().get(), false);
    }
    LotState after = outcome.lot();
    Leader leader = after.leader().orElseThrow();
    String leaderName = leader.bidderId() == caller.userId() ? nameOf(caller) : lot.leaderName();
    Lot updated =
        new Lot(
            lot.id(),
            lot.showId(),
            lot.productId(),
            lot.position(),
            lot.durationSeconds(),
            leaderName,
            null,
            null,
            null,
            after,
            Lot.AfterSale.NONE);
    JsonObject json =
        view(caller, bid, true, outcome.leading(), false, after.currentPriceCents()).toJson();
    JsonObject reply = new JsonObject().put("bid", json).put("lot", updated.toJson(now));
    writes.bid(
        lot.id(),
        caller.userId(),
        nameOf(caller),
        bid.amountCents(),
        bid.maxAmountCents(),
        false,
        true,
        outcome.leading(),
        null,
        after.currentPriceCents(),
        offset(after.endsAt()),
        bid.idempotencyKey(),
        ACCEPTED,
        reply);
    return new Attempt(null, reply, updated, outcome, json, null);
  }

  /** A maximum left on a queued lot; it is resolved by the rules the moment the lot opens. */
  private Attempt preBid(Caller caller, Lot lot, BidRequest bid, Instant now, BidWrites writes) {
    LotState state = lot.state();
    Refusal refusal = ProxyBidding.refusalOfPreBid(state, ruleBid(caller, bid)).orElse(null);
    if (refusal != null) {
      return refused(writes, caller, lot, bid, refusal, true);
    }
    JsonObject json = view(caller, bid, true, false, true, state.currentPriceCents()).toJson();
    JsonObject reply = new JsonObject().put("bid", json).put("lot", lot.toJson(now));
    writes.bid(
        lot.id(),
        caller.userId(),
        nameOf(caller),
        bid.amountCents(),
        bid.maxAmountCents(),
        true,
        true,
        false,
        null,
        state.currentPriceCents(),
        null,
        bid.idempotencyKey(),
        ACCEPTED,
        reply);
    return new Attempt(null, reply, lot, null, json, null);
  }

  /** A bid refused inside the transaction: stored with its reason, the lot stays as it was. */
  private static Attempt refused(
      BidWrites writes, Caller caller, Lot lot, BidRequest bid, Refusal refusal, boolean preBid) {
    JsonObject problem = problem(refusal);
    writes.bid(
        lot.id(),
        caller.userId(),
        nameOf(caller),
        bid.amountCents(),
        bid.maxAmountCents(),
        preBid,
        false,
        false,
        refusal.code(),
        lot.state().currentPriceCents(),
        offset(lot.state().endsAt()),
        bid.idempotencyKey(),
        refusal.code(),
        problem);
    return new Attempt(refusal, problem, lot, null, null, null);
  }

  private static JsonObject problem(Refusal refusal) {
    return new JsonObject().put("code", refusal.code()).put("detail", Refusals.detail(refusal));
  }

  /**
   * A bid refused before it queues for its lot (no lock taken): stored with its reason on its own,
   * and the client gets a problem.
   */
  private Future<Attempt> refuse(
      SqlClient conn, Caller caller, Lot lot, BidRequest bid, Refusal refusal, boolean preBid) {
    // the statement that writes a transaction's bids, here with one bid and no lot to change
    BidWrites writes = new BidWrites();
    Attempt attempt = refused(writes, caller, lot, bid, refusal, preBid);
    return conn.preparedQuery(LotSql.WRITE_BIDS).execute(writes.tuple()).map(written -> attempt);
  }

  private Future<IdempotentResult<JsonObject>> afterCommit(Attempt attempt) {
    Refusal refusal = attempt.refusal();
    if (refusal != null) {
      return Future.failedFuture(Refusals.toRefused(refusal));
    }
    BidOutcome outcome = attempt.outcome();
    if (outcome != null) {
      String what = "a bid on lot " + attempt.lot().id();
      PostCommit.run(
          what, () -> deadlines.watch(attempt.lot().id(), attempt.lot().state().endsAt()));
      Long outbid =
          outcome.outbidBidderId().isPresent() ? outcome.outbidBidderId().getAsLong() : null;
      // an accepted bid's attempt always carries the bid's JSON (apply builds it with the outcome)
      JsonObject bid = Objects.requireNonNull(attempt.bid(), "bid");
      // the reply does not wait for the fan-out: the bid is committed, delivery is best effort
      PostCommit.announce(
          what,
          () ->
              events.bidAccepted(
                  attempt.lot(),
                  bid,
                  outcome.extended(),
                  outbid,
                  Instant.parse(attempt.reply().getJsonObject("lot").getString("serverTime"))));
      Notification notice = attempt.outbidNotice();
      if (notice != null) {
        PostCommit.run(what, () -> notices.publish(notice));
      }
    }
    return Future.succeededFuture(IdempotentResult.fresh(attempt.reply()));
  }

  /**
   * The answer stored for the bidder's key, given again: the same bid and lot, or the same refusal
   * in the same words.
   */
  private Future<IdempotentResult<JsonObject>> replay(long bidderId, String key) {
    return db.one(LotSql.REPLAY, Tuple.of(bidderId, key))
        .compose(
            row -> {
              if (row == null) {
                return Future.succeededFuture();
              }
              String outcome = row.getString("outcome");
              JsonObject reply = (JsonObject) row.getValue("reply");
              if (ACCEPTED.equals(outcome)) {
                BidView.stamp(reply.getJsonObject("bid"), row);
                return Future.succeededFuture(IdempotentResult.replayed(reply));
              }
              return Future.failedFuture(
                  Refusals.toRefused(Refusal.fromCode(outcome), reply.getString("detail")));
            });
  }

  /** A lot's accepted bids, newest first, a page at a time. */
  Future<JsonObject> history(long lotId, @Nullable Long before, int limit) {
    return db.one(LotSql.EXISTS, Tuple.of(lotId))
        .compose(
            lot -> {
              if (lot == null) {
                return Future.failedFuture(Lot.notFound(lotId));
              }
              return db.query(LotSql.HISTORY, Tuple.of(lotId, before, limit + 1))
                  .map(
                      rows -> {
                        JsonObject page = KeysetPage.of(rows, limit, BidView::historyJson);
                        return new JsonObject()
                            .put("bids", page.getJsonArray("items"))
                            .put("nextBefore", page.getValue("nextBefore"));
                      });
            });
  }

  private static BidView view(
      Caller caller,
      BidRequest bid,
      boolean accepted,
      boolean leading,
      boolean preBid,
      long priceAfter) {
    return new BidView(
        bid.lotId(),
        caller.userId(),
        nameOf(caller),
        bid.amountCents(),
        bid.maxAmountCents(),
        accepted,
        leading,
        preBid,
        priceAfter);
  }

  private static Bid ruleBid(Caller caller, BidRequest bid) {
    return Bid.upTo(caller.userId(), bid.amountCents(), bid.maxAmountCents());
  }

  static java.time.@Nullable OffsetDateTime offset(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
