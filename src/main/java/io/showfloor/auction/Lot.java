package io.showfloor.auction;

import io.showfloor.auction.rules.AuctionMode;
import io.showfloor.auction.rules.Leader;
import io.showfloor.auction.rules.LotState;
import io.showfloor.auction.rules.LotStatus;
import io.showfloor.auction.rules.ProxyBidding;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** A lot as stored: the rule state plus where it sits and how it ended. */
record Lot(
    long id,
    long showId,
    long productId,
    int position,
    int durationSeconds,
    String leaderName,
    Long winnerId,
    Long hammerPriceCents,
    Long orderId,
    LotState state) {

  static Lot from(Row row) {
    Long leaderId = row.getLong("leader_id");
    Optional<Leader> leader = leaderId == null ? Optional.empty()
        : Optional.of(new Leader(leaderId, row.getLong("leader_max_cents"), instant(row, "leader_since")));
    LotState state = new LotState(
        LotStatus.fromWireName(row.getString("status")),
        row.getLong("seller_id"),
        row.getLong("host_id"),
        AuctionMode.fromWireName(row.getString("mode")),
        row.getLong("starting_price_cents"),
        row.getLong("reserve_price_cents"),
        row.getLong("buy_now_price_cents"),
        row.getInteger("extend_seconds"),
        instant(row, "ends_at"),
        row.getLong("current_price_cents"),
        leader,
        row.getInteger("bid_count"));
    return new Lot(row.getLong("id"), row.getLong("show_id"), row.getLong("product_id"), row.getInteger("position"),
        row.getInteger("duration_seconds"), row.getString("leader_name"), row.getLong("winner_id"),
        row.getLong("hammer_price_cents"), row.getLong("order_id"), state);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  /** The lot as clients see it; the reserve itself stays hidden, only whether it is met. */
  JsonObject toJson(Instant serverTime) {
    LotState s = state;
    return new JsonObject()
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
        .put("buyNowPriceCents", s.hasBuyNow() && s.leader().isEmpty() && s.status() != LotStatus.SOLD
            ? s.buyNowPriceCents() : null)
        .put("endsAt", s.endsAt() == null ? null : s.endsAt().toString())
        .put("serverTime", serverTime.toString())
        .put("hasReserve", s.hasReserve())
        .put("reserveMet", s.reserveMet())
        .put("winnerId", winnerId)
        .put("hammerPriceCents", hammerPriceCents)
        .put("orderId", orderId);
  }
}
