package io.showfloor.auction;

import io.showfloor.auction.rules.BidOutcome;
import io.showfloor.auction.rules.BuyNowOutcome;
import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.Opening;
import io.showfloor.auction.rules.PreBid;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.platform.Refused;
import io.showfloor.platform.infra.Database;
import io.showfloor.platform.infra.PostCommit;
import io.showfloor.platform.security.Caller;
import io.showfloor.show.ShowAccess;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The run sheet: queue, reorder, open and cancel lots; buy-now. */
final class LotService {
  private static final long MAX_CENTS = 100_000_000_000L;
  private final Database db;
  private final ShowGate shows;
  private final SaleOrders orders;
  private final LotEvents events;
  private final LotDeadlines deadlines;

  LotService(
      Database db, ShowGate shows, SaleOrders orders, LotEvents events, LotDeadlines deadlines) {
    this.db = db;
    this.shows = shows;
    this.orders = orders;
    this.events = events;
    this.deadlines = deadlines;
  }

  Future<JsonObject> create(Caller caller, long showId, JsonObject body) {
    long starting = body.getLong("startingPriceCents");
    long reserve = body.getLong("reservePriceCents", 0L);
    long buyNow = body.getLong("buyNowPriceCents", 0L);
    if (reserve != 0 && reserve < starting) {
      return Future.failedFuture(
          Refused.invalid("invalid_reserve", "The reserve cannot be below the starting price"));
    }
    if (buyNow != 0 && buyNow <= Math.max(starting, reserve)) {
      return Future.failedFuture(
          Refused.invalid(
              "invalid_buy_now",
              "The buy-now price must be above the starting price and the reserve"));
    }
    long productId = body.getLong("productId");
    return hostedShow(caller, showId)
        .compose(
            show -> {
              if (show.isOver()) {
                return Future.failedFuture(Refused.conflict("show_over", "This show has ended"));
              }
              return db.one(LotSql.PRODUCT, Tuple.of(productId))
                  .compose(
                      product -> {
                        if (product == null) {
                          return Future.failedFuture(
                              Refused.notFound("product_not_found", "No product " + productId));
                        }
                        long sellerId = product.getLong("seller_id");
                        // the unit is held for the lot from now on, so the catalog cannot sell it
                        // meanwhile
                        return db.tx(
                            conn ->
                                orders
                                    .mayFeature(conn, sellerId, show.hostId())
                                    .compose(
                                        allowed ->
                                            allowed
                                                ? orders.reserveStock(conn, productId, 1)
                                                : Future.failedFuture(
                                                    Refused.forbidden(
                                                        "product_not_yours",
                                                        "A show can auction its host's products, or a partner seller's")))
                                    .compose(
                                        v ->
                                            conn.preparedQuery(LotSql.INSERT_LOT)
                                                .execute(
                                                    Tuple.from(
                                                        new Object[] {
                                                          showId,
                                                          productId,
                                                          sellerId,
                                                          show.hostId(),
                                                          body.getString("mode"),
                                                          starting,
                                                          reserve,
                                                          buyNow,
                                                          body.getInteger("durationSeconds"),
                                                          body.getInteger("extendSeconds", 10)
                                                        }))
                                                .map(rows -> rows.iterator().next())));
                      });
            })
        .map(row -> Lot.from(row).toJson(Lot.instant(row, "now")));
  }

  Future<JsonObject> get(long lotId) {
    return db.one(LotSql.BY_ID, Tuple.of(lotId))
        .map(
            row -> {
              if (row == null) {
                throw Lot.notFound(lotId);
              }
              return Lot.from(row).toJson(Lot.instant(row, "now"));
            });
  }

  Future<JsonObject> list(long showId) {
    return shows
        .show(showId)
        .compose(show -> db.query(LotSql.BY_SHOW, Tuple.of(showId)))
        .map(
            rows -> {
              JsonArray lots = new JsonArray();
              for (Row row : rows) {
                lots.add(Lot.from(row).toJson(Lot.instant(row, "now")));
              }
              return new JsonObject().put("lots", lots);
            });
  }

  Future<JsonObject> reorder(Caller caller, long showId, List<Long> lotIds) {
    return hostedShow(caller, showId)
        .compose(
            show ->
                db.tx(
                    conn ->
                        conn.preparedQuery(LotSql.QUEUED_IDS_OF_SHOW)
                            .execute(Tuple.of(showId))
                            .compose(
                                rows -> {
                                  Set<Long> queued = new HashSet<>();
                                  rows.forEach(r -> queued.add(r.getLong("id")));
                                  if (!queued.equals(new HashSet<>(lotIds))) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "run_sheet_mismatch",
                                            "Send every queued lot of the show exactly once; queued now: "
                                                + queued));
                                  }
                                  return conn.preparedQuery(
                                          "SELECT COALESCE(MAX(position), 0) AS top FROM lots WHERE show_id = $1 AND status <> 'queued'")
                                      .execute(Tuple.of(showId))
                                      .compose(
                                          top -> {
                                            int base = top.iterator().next().getInteger("top");
                                            List<Tuple> positions = new ArrayList<>();
                                            for (int i = 0; i < lotIds.size(); i++) {
                                              positions.add(Tuple.of(lotIds.get(i), base + i + 1));
                                            }
                                            return conn.preparedQuery(LotSql.SET_POSITION)
                                                .executeBatch(positions);
                                          });
                                })))
        .compose(v -> list(showId));
  }

  Future<JsonObject> start(Caller caller, long lotId) {
    return lotForHost(caller, lotId)
        .compose(
            show -> {
              if (!show.isLive()) {
                return Future.failedFuture(
                    Refused.conflict("show_not_live", "Start the show before opening a lot"));
              }
              return db.tx(conn -> open(conn, lotId));
            })
        .recover(
            failure ->
                Database.isUniqueViolation(failure, "lots_one_open_per_show")
                    ? Future.failedFuture(
                        Refused.conflict(
                            "another_lot_open", "Another lot of this show is still open"))
                    : Future.failedFuture(failure))
        .map(
            lot -> {
              Instant now = Instant.now();
              PostCommit.run(
                  "lot " + lot.id() + " opened",
                  () -> deadlines.watch(lot.id(), lot.state().endsAt()));
              PostCommit.announce("lot " + lot.id() + " opened", () -> events.opened(lot, now));
              return lot.toJson(now);
            });
  }

  private Future<Lot> open(SqlConnection conn, long lotId) {
    return conn.preparedQuery(LotSql.LOCK)
        .execute(Tuple.of(lotId))
        .compose(
            rows -> {
              Row row = rows.iterator().next();
              Lot lot = Lot.from(row);
              if (lot.state().status() != LotStatus.QUEUED) {
                return Future.failedFuture(
                    Refused.conflict("lot_not_queued", "Only a queued lot can be started"));
              }
              Instant now = Lot.instant(row, "now");
              return conn.preparedQuery(LotSql.PRE_BIDS)
                  .execute(Tuple.of(lotId))
                  .compose(
                      preRows -> {
                        List<PreBid> preBids = new ArrayList<>();
                        List<Long> preBidIds = new ArrayList<>();
                        Map<Long, String> names = new HashMap<>();
                        for (Row pre : preRows) {
                          preBids.add(
                              new PreBid(
                                  pre.getLong("bidder_id"),
                                  pre.getLong("max_amount_cents"),
                                  Lot.instant(pre, "created_at")));
                          preBidIds.add(pre.getLong("id"));
                          names.put(pre.getLong("bidder_id"), pre.getString("bidder_name"));
                        }
                        Opening opening =
                            ProxyBidding.open(
                                lot.state(),
                                now,
                                Duration.ofSeconds(lot.durationSeconds()),
                                preBids);
                        LotState opened = opening.lot();
                        Leader leader = opened.leader().orElse(null);
                        List<Tuple> outcomes = new ArrayList<>();
                        for (int i = 0; i < preBidIds.size(); i++) {
                          BidOutcome outcome = opening.preBidOutcomes().get(i);
                          outcomes.add(
                              Tuple.of(
                                  preBidIds.get(i),
                                  outcome.leading(),
                                  outcome.currentPriceCents(),
                                  outcome.refusal().map(r -> r.code()).orElse(null)));
                        }
                        Future<?> marked =
                            outcomes.isEmpty()
                                ? Future.succeededFuture()
                                : conn.preparedQuery(LotSql.MARK_PRE_BID).executeBatch(outcomes);
                        return marked.compose(
                            v ->
                                conn.preparedQuery(LotSql.OPEN)
                                    .execute(
                                        Tuple.from(
                                            new Object[] {
                                              lotId,
                                              BidService.offset(now),
                                              BidService.offset(opened.endsAt()),
                                              opened.currentPriceCents(),
                                              leader == null ? null : leader.bidderId(),
                                              leader == null ? null : names.get(leader.bidderId()),
                                              leader == null ? null : leader.maxCents(),
                                              leader == null
                                                  ? null
                                                  : BidService.offset(leader.maxSince()),
                                              opened.bidCount()
                                            })));
                      })
                  .map(updated -> Lot.from(updated.iterator().next()));
            });
  }

  Future<JsonObject> cancel(Caller caller, long lotId) {
    return lotForHost(caller, lotId)
        .compose(
            show ->
                db.tx(
                    conn ->
                        conn.preparedQuery(LotSql.CANCEL)
                            .execute(Tuple.of(lotId))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Future.failedFuture(
                                        Refused.conflict(
                                            "lot_not_cancellable",
                                            "Only a queued lot, or an open lot without bids, can be cancelled"));
                                  }
                                  Row row = rows.iterator().next();
                                  return orders
                                      .releaseStock(conn, row.getLong("product_id"), 1)
                                      .map(row);
                                })))
        .map(
            row -> {
              Lot lot = Lot.from(row);
              Instant now = Lot.instant(row, "now");
              PostCommit.announce(
                  "lot " + lot.id() + " cancelled", () -> events.cancelled(lot, now));
              return lot.toJson(now);
            });
  }

  Future<JsonObject> buyNow(Caller caller, long lotId) {
    return db.one(LotSql.FOR_BID, Tuple.of(lotId, caller.userId()))
        .compose(
            rules -> {
              if (rules == null) {
                return Future.failedFuture(Lot.notFound(lotId));
              }
              io.showfloor.show.ShowAccess.requireNotSanctioned(rules);
              return Future.succeededFuture(rules);
            })
        .compose(
            rules ->
                !rules.getBoolean("require_saved_card")
                    ? Future.succeededFuture()
                    : orders
                        .hasReadyCard(caller.userId())
                        .compose(
                            hasCard ->
                                hasCard
                                    ? orders.requireAddress(
                                        caller.userId(),
                                        "buying in a show that charges your saved card")
                                    : Future.failedFuture(
                                        Refusals.toRefused(
                                            io.showfloor.auction.rules.Refusal
                                                .SAVED_CARD_REQUIRED))))
        .compose(
            v ->
                db.tx(
                    conn ->
                        conn.preparedQuery(LotSql.LOCK)
                            .execute(Tuple.of(lotId))
                            .compose(
                                rows -> {
                                  if (rows.size() == 0) {
                                    return Future.failedFuture(Lot.notFound(lotId));
                                  }
                                  Row row = rows.iterator().next();
                                  Lot lot = Lot.from(row);
                                  Instant now = Lot.instant(row, "now");
                                  BuyNowOutcome outcome =
                                      ProxyBidding.buyNow(lot.state(), caller.userId(), now);
                                  if (!outcome.accepted()) {
                                    return Future.failedFuture(
                                        Refusals.toRefused(outcome.refusal().get()));
                                  }
                                  long price = outcome.lot().currentPriceCents();
                                  SaleOrders.Sale sale =
                                      new SaleOrders.Sale(
                                          "lot",
                                          lot.id(),
                                          lot.showId(),
                                          lot.productId(),
                                          lot.state().sellerId(),
                                          lot.state().hostId(),
                                          caller.userId(),
                                          price,
                                          1);
                                  return orders
                                      .createOrder(conn, sale)
                                      .compose(
                                          orderId ->
                                              conn.preparedQuery(LotSql.SELL_NOW)
                                                  .execute(
                                                      Tuple.of(
                                                          lotId,
                                                          BidService.offset(now),
                                                          caller.userId(),
                                                          price,
                                                          orderId)));
                                })
                            .map(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  return Lot.from(row);
                                })))
        .map(
            lot -> {
              Instant now = Instant.now();
              PostCommit.announce("lot " + lot.id() + " sold", () -> events.closed(lot, now));
              PostCommit.run(
                  "lot " + lot.id() + " sold",
                  () -> orders.chargeSavedCard(caller.userId(), "lot:" + lot.id()));
              return lot.toJson(now);
            });
  }

  private Future<ShowAccess.ShowRef> hostedShow(Caller caller, long showId) {
    return shows.requireHost(showId, caller.userId(), caller.roles().contains("admin"));
  }

  private Future<ShowAccess.ShowRef> lotForHost(Caller caller, long lotId) {
    return shows.showOf(lotId).compose(showId -> hostedShow(caller, showId));
  }

  static long maxCents() {
    return MAX_CENTS;
  }
}
