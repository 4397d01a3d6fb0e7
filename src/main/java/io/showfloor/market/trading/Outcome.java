package io.showfloor.market.trading;

import io.showfloor.market.trading.BookAnswer.Result;
import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one command, sent after the batch that contains it commits. Built lazily because
 * trade ids are drawn only after matching.
 */
final class Outcome {
  private final Result result;
  private final @Nullable OrderRow order;
  private final @Nullable List<TradeRow> trades;
  private final @Nullable JsonObject body;
  private final @Nullable Refused refusal;
  private List<OrderRow> linked = List.of();

  private Outcome(
      Result result,
      @Nullable OrderRow order,
      @Nullable List<TradeRow> trades,
      @Nullable JsonObject body,
      @Nullable Refused refusal) {
    this.result = result;
    this.order = order;
    this.trades = trades;
    this.body = body;
    this.refusal = refusal;
  }

  /** A new order: {order, fills}. */
  static Outcome placed(OrderRow order, List<TradeRow> trades) {
    return new Outcome(Result.PLACED, order.snapshot(), List.copyOf(trades), null, null);
  }

  /**
   * The same answer with the orders linked to the placed one (the other leg of a one-cancels-other
   * pair, a bracket's children) as they stand now: {order, fills, linkedOrders}.
   */
  Outcome withLinked(List<OrderRow> orders) {
    Outcome outcome = new Outcome(result, order, trades, body, refusal);
    outcome.linked = orders.stream().map(OrderRow::snapshot).toList();
    return outcome;
  }

  /** A retry of an order placed earlier in the same batch: {order, fills}. */
  static Outcome placedEarlier(OrderRow order, List<TradeRow> trades) {
    return new Outcome(Result.ALREADY_PLACED, order.snapshot(), List.copyOf(trades), null, null);
  }

  /** A retry of an order stored by an earlier batch: {order, fills} as read back. */
  static Outcome storedEarlier(JsonObject body) {
    return new Outcome(Result.ALREADY_PLACED, null, null, body, null);
  }

  /** An amended order with the trades its new price made at once: {order, fills}. */
  static Outcome amended(OrderRow order, List<TradeRow> trades) {
    return new Outcome(Result.DONE, order.snapshot(), List.copyOf(trades), null, null);
  }

  /** The order as it is now: {order}. */
  static Outcome order(OrderRow order) {
    return new Outcome(Result.DONE, order.snapshot(), null, null, null);
  }

  static Outcome done(JsonObject body) {
    return new Outcome(Result.DONE, null, null, body, null);
  }

  static Outcome refused(Refused refusal) {
    return new Outcome(Result.DONE, null, null, null, refusal);
  }

  /**
   * The event-bus answer: a {@link BookAnswer} or the refusal (see {@link BookAnswer#fromJson}).
   */
  JsonObject toReply() {
    if (refusal != null) {
      return BookAnswer.refusedJson(refusal);
    }
    return new BookAnswer(result, body != null ? body : orderBody()).toJson();
  }

  private JsonObject orderBody() {
    OrderRow row =
        java.util.Objects.requireNonNull(order, "an outcome has an order, a body or a refusal");
    JsonObject reply = new JsonObject().put("order", row.toJson());
    if (trades != null) {
      JsonArray fills = new JsonArray();
      trades.forEach(t -> fills.add(t.fillFor(row.id)));
      reply.put("fills", fills);
    }
    if (!linked.isEmpty()) {
      JsonArray orders = new JsonArray();
      linked.forEach(other -> orders.add(other.toJson()));
      reply.put("linkedOrders", orders);
    }
    return reply;
  }
}
