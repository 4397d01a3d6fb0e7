package io.showfloor.auction;

import io.showfloor.platform.events.EventPublisher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The events a lot change announces after its commit. */
final class LotEvents {
  private final EventPublisher events;

  LotEvents(EventPublisher events) {
    this.events = events;
  }

  static String topic(long lotId) {
    return "lot:" + lotId;
  }

  static String showTopic(long showId) {
    return "show:" + showId;
  }

  Future<Void> bidAccepted(
      Lot lot, JsonObject bid, boolean extended, @Nullable Long outbidUserId, Instant serverTime) {
    JsonObject lotJson = lot.toJson(serverTime);
    JsonObject data =
        new JsonObject()
            .put("lotId", lot.id())
            .put("amountCents", lot.state().currentPriceCents())
            .put("bidderName", lot.leaderName())
            .put("highBidderId", lotJson.getLong("highBidderId"))
            .put("bidCount", lot.state().bidCount())
            .put("endsAt", lotJson.getString("endsAt"))
            .put("minNextBidCents", lotJson.getLong("minNextBidCents"))
            .put("reserveMet", lotJson.getBoolean("reserveMet"))
            .put(
                "bid",
                new JsonObject()
                    .put("id", bid.getLong("id"))
                    .put("bidderName", bid.getString("bidderName"))
                    .put("leading", bid.getBoolean("leading")))
            .put("lot", lotJson);
    // one after the other, so the topic's sequence puts the bid before the extension it caused
    Future<?> sent = events.publish(topic(lot.id()), "bid.accepted", data);
    if (extended) {
      sent =
          sent.compose(
              v ->
                  events.publish(
                      topic(lot.id()),
                      "lot.extended",
                      new JsonObject()
                          .put("lotId", lot.id())
                          .put("endsAt", lotJson.getString("endsAt"))));
    }
    if (outbidUserId != null) {
      sent =
          Future.all(
              sent,
              events.toUser(
                  outbidUserId,
                  "outbid",
                  new JsonObject()
                      .put("lotId", lot.id())
                      .put("showId", lot.showId())
                      .put("currentPriceCents", lot.state().currentPriceCents())
                      .put("minNextBidCents", lotJson.getLong("minNextBidCents"))));
    }
    return sent.mapEmpty();
  }

  Future<Void> opened(Lot lot, Instant serverTime) {
    JsonObject lotJson = lot.toJson(serverTime);
    return Future.all(
            events.publish(topic(lot.id()), "lot.opened", lotJson),
            events.publish(showTopic(lot.showId()), "lot.opened", lotJson))
        .mapEmpty();
  }

  Future<Void> closed(Lot lot, Instant serverTime) {
    JsonObject lotJson = lot.toJson(serverTime);
    JsonObject data =
        new JsonObject()
            .put("lotId", lot.id())
            .put("status", lot.state().status().wireName())
            .put("winnerId", lot.winnerId())
            .put("winnerName", lot.winnerId() == null ? null : lot.leaderName())
            .put("priceCents", lot.hammerPriceCents())
            .put("orderId", lot.orderId())
            .put("lot", lotJson);
    List<Future<?>> sent = new ArrayList<>();
    sent.add(events.publish(topic(lot.id()), "lot.closed", data));
    sent.add(events.publish(showTopic(lot.showId()), "lot.closed", data));
    if (lot.winnerId() != null) {
      sent.add(events.toUser(lot.winnerId(), "won", data));
    }
    return Future.all(sent).mapEmpty();
  }

  /**
   * What happened after the sale, on the lot's and the show's topics: {@code lot.unpaid}, {@code
   * lot.offered}, {@code lot.offer_accepted}, {@code lot.offer_declined}, {@code
   * lot.offer_expired}; {@code privately} (or null) also gets it on their {@code me} topic.
   */
  Future<Void> afterSale(Lot lot, String type, @Nullable Long privately, Instant serverTime) {
    JsonObject lotJson = lot.toJson(serverTime);
    List<Future<?>> sent = new ArrayList<>();
    sent.add(events.publish(topic(lot.id()), type, lotJson));
    sent.add(events.publish(showTopic(lot.showId()), type, lotJson));
    if (privately != null) {
      sent.add(events.toUser(privately, type, lotJson));
    }
    return Future.all(sent).mapEmpty();
  }

  Future<Void> cancelled(Lot lot, Instant serverTime) {
    JsonObject lotJson = lot.toJson(serverTime);
    return Future.all(
            events.publish(topic(lot.id()), "lot.cancelled", lotJson),
            events.publish(showTopic(lot.showId()), "lot.cancelled", lotJson))
        .mapEmpty();
  }
}
