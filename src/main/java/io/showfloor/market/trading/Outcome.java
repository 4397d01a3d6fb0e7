package io.showfloor.market.trading;

import io.showfloor.platform.http.ApiError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer to one command, sent after the batch that contains it commits. Built lazily because
 * trade ids are drawn only after matching.
 */
final class Outcome {
  private final int status;
  private final OrderRow order;
  private final List<TradeRow> trades;
  private final JsonObject body;
  private final ApiError error;
  private final boolean withFills;

  private Outcome(int status, OrderRow order, List<TradeRow> trades, JsonObject body, ApiError error) {
    this.withFills = trades != null;
    this.status = status;
    this.order = order;
    this.trades = trades == null ? List.of() : trades;
    this.body = body;
    this.error = error;
  }

  /** A new order: 201 {order, fills}. */
  static Outcome placed(OrderRow order, List<TradeRow> trades) {
    return new Outcome(201, order.snapshot(), List.copyOf(trades), null, null);
  }

  /** A retry of an order placed earlier in the same batch: 200 {order, fills}. */
  static Outcome placedEarlier(OrderRow order, List<TradeRow> trades) {
    return new Outcome(200, order.snapshot(), List.copyOf(trades), null, null);
  }

  /** The order as it is now: 200 {order}. */
  static Outcome order(OrderRow order) {
    return new Outcome(200, order.snapshot(), null, null, null);
  }

  static Outcome ok(JsonObject body) {
    return new Outcome(200, null, null, body, null);
  }

  static Outcome failed(ApiError error) {
    return new Outcome(error.status(), null, null, null, error);
  }

  boolean isError() {
    return error != null;
  }

  /** {@code {status, body}} or {@code {error: {status, code, title, detail}}}. */
  JsonObject toReply() {
    if (error != null) {
      return error(error);
    }
    JsonObject reply = body;
    if (reply == null) {
      reply = new JsonObject().put("order", order.toJson());
      if (withFills) {
        JsonArray fills = new JsonArray();
        trades.forEach(t -> fills.add(t.fillFor(order.id)));
        reply.put("fills", fills);
      }
    }
    return new JsonObject().put("status", status).put("body", reply);
  }

  static JsonObject error(ApiError error) {
    return new JsonObject().put("error", new JsonObject().put("status", error.status()).put("code", error.code())
        .put("title", error.title()).put("detail", error.detail()));
  }
}
