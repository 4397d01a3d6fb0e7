package io.showfloor.auction;

import io.showfloor.auction.rules.AuctionMode;
import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A lot as stored: the rule state plus where it sits and how it ended. */
record Lot(
    long id,
    long showId,
    long productId,
    int position,
    int durationSeconds,
    @Nullable String leaderName,
    @Nullable Long winnerId,
    @Nullable Long hammerPriceCents,
    @Nullable Long orderId,
    LotState state,
    AfterSale afterSale) {

  /**
   * What happened after an unpaid sale: the runner-up found then, and the offer made to them (each
   * may be null).
   */
  record AfterSale(
      @Nullable Long runnerUpId, @Nullable Long runnerUpCents, @Nullable JsonObject offer) {
    static final AfterSale NONE = new AfterSale(null, null, null);
  }

  /** The lot_offers columns, prefixed, for queries that join the offer as f. */
  static final String OFFER_COLUMNS =
      """
      f.runner_up_id AS offer_runner_up_id, f.price_cents AS offer_price_cents, f.order_id AS offer_order_id,
      f.status AS offer_status, f.defaulted_winner_id AS offer_defaulted_winner_id, f.created_at AS offer_created_at,
      f.decided_at AS offer_decided_at""";

  static Lot from(Row row) {
    Long leaderId = row.getLong("leader_id");
    Optional<Leader> leader =
        leaderId == null
            ? Optional.empty()
            : Optional.of(
                new Leader(
                    leaderId, row.getLong("leader_max_cents"), instant(row, "leader_since")));
    LotState state =
        new LotState(
            LotStatus.fromWireName(row.getString("status")),
            row.getLong("seller_id"),
            row.getLong("host_id"),
            AuctionMode.fromWireName(row.getString("mode")),
            row.getLong("starting_price_cents"),
            row.getLong("reserve_price_cents"),
            row.getLong("buy_now_price_cents"),
            row.getInteger("extend_seconds"),
            instantOrNull(row, "ends_at"),
            row.getLong("current_price_cents"),
            leader,
            row.getInteger("bid_count"));
    return new Lot(
        row.getLong("id"),
        row.getLong("show_id"),
        row.getLong("product_id"),
        row.getInteger("position"),
        row.getInteger("duration_seconds"),
        row.getString("leader_name"),
        row.getLong("winner_id"),
        row.getLong("hammer_price_cents"),
        row.getLong("order_id"),
        state,
        afterSale(row));
  }

  private static AfterSale afterSale(Row row) {
    Long runnerUp = row.getColumnIndex("runner_up_id") >= 0 ? row.getLong("runner_up_id") : null;
    Long runnerUpCents = runnerUp == null ? null : row.getLong("runner_up_cents");
    JsonObject offer = null;
    if (row.getColumnIndex("offer_status") >= 0 && row.getString("offer_status") != null) {
      offer =
          new JsonObject()
              .put("runnerUpId", row.getLong("offer_runner_up_id"))
              .put("priceCents", row.getLong("offer_price_cents"))
              .put("orderId", row.getLong("offer_order_id"))
              .put("status", row.getString("offer_status"))
              .put("defaultedWinnerId", row.getLong("offer_defaulted_winner_id"))
              .put("createdAt", instant(row, "offer_created_at").toString())
              .put(
                  "decidedAt",
                  row.getOffsetDateTime("offer_decided_at") == null
                      ? null
                      : instant(row, "offer_decided_at").toString());
    }
    return runnerUp == null && offer == null
        ? AfterSale.NONE
        : new AfterSale(runnerUp, runnerUpCents, offer);
  }

  /** 404 {@code lot_not_found}. */
  static Refused notFound(long lotId) {
    return Refused.notFound("lot_not_found", "No lot " + lotId);
  }

  /** A timestamp column that is never null here (NOT NULL, or checked by the caller first). */
  static Instant instant(Row row, String column) {
    return Objects.requireNonNull(instantOrNull(row, column), column);
  }

  /** A timestamp column that may be null, such as a queued lot's deadline. */
  static @Nullable Instant instantOrNull(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /** The lot as clients see it; the reserve itself stays hidden, only whether it is met. */
  JsonObject toJson(Instant serverTime) {
    LotState s = state;
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("showId", showId)
            .put("productId", productId)
            .put("sellerId", s.sellerId())
            .put("hostId", s.hostId())
            .put("position", position)
            .put("status", s.status().wireName())
            .put("mode", s.mode().wireName())
            .put("startingPriceCents", s.startingPriceCents())
            .put("currentPriceCents", s.currentPriceCents())
            .put("highBidderId", s.leader().map(Leader::bidderId).orElse(null))
            .put("highBidderName", s.leader().isPresent() ? leaderName : null)
            .put("minNextBidCents", ProxyBidding.minNextBidCents(s))
            .put("bidCount", s.bidCount())
            .put("durationSeconds", durationSeconds)
            .put("extendSeconds", s.extendSeconds())
            .put(
                "buyNowPriceCents",
                s.hasBuyNow() && s.leader().isEmpty() && s.status() != LotStatus.SOLD
                    ? s.buyNowPriceCents()
                    : null)
            .put("endsAt", s.endsAt() == null ? null : s.endsAt().toString())
            .put("serverTime", serverTime.toString())
            .put("hasReserve", s.hasReserve())
            .put("reserveMet", s.reserveMet())
            .put("winnerId", winnerId)
            .put("hammerPriceCents", hammerPriceCents)
            .put("orderId", orderId);
    // the runner-up's maximum stays private: everyone sees only whether an offer can be made, then
    // the offer
    json.put(
        "runnerUpOfferPossible",
        s.status() == LotStatus.UNPAID
            && afterSale.runnerUpId() != null
            && afterSale.offer() == null);
    if (afterSale.offer() != null) {
      json.put("offer", afterSale.offer().copy());
    }
    return json;
  }
}
