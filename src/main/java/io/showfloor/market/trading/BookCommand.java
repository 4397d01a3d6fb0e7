package io.showfloor.market.trading;

import io.showfloor.market.Phase;
import io.showfloor.market.engine.OrderType;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.TimeInForce;
import io.showfloor.market.engine.Trigger;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the owner of a book is asked to do, as sent on the event bus to {@code market.cmd.<symbol>}
 * (JSON, so it crosses the cluster). The HTTP side has already checked the shape against the
 * contract.
 */
public sealed interface BookCommand {

  JsonObject toJson();

  static BookCommand fromJson(JsonObject json) {
    String op = json.getString("op", "");
    return switch (op) {
      case "place" -> OrderRequest.fromJson(json);
      case "cancel" -> new CancelRequest(json.getLong("userId"), json.getLong("orderId"));
      // "reduce" is what nodes before amend existed send during a rolling upgrade
      case "amend", "reduce" ->
          new AmendRequest(
              json.getLong("userId"),
              json.getLong("orderId"),
              json.getLong("priceCents"),
              json.getLong("quantity"));
      case "cancelAll" -> new CancelAllRequest(json.getLong("userId"));
      case "expire" -> new ExpireDue();
      case "phase" ->
          new PhaseChange(Phase.parse(json.getString("phase")), json.getString("by", "admin"));
      case "rebuild" -> new Rebuild();
      default -> throw new IllegalArgumentException("Unknown book command " + op);
    };
  }

  /**
   * A new order. {@code priceCents} is 0 for a market order; {@code maxCostCents} only for a market
   * buy.
   */
  record OrderRequest(
      long userId,
      String symbol,
      Side side,
      OrderType type,
      long priceCents,
      long quantity,
      TimeInForce timeInForce,
      @Nullable String clientOrderId,
      @Nullable Long maxCostCents,
      @Nullable Instant expiresAt,
      Trigger.@Nullable Kind triggerKind,
      long stopPriceCents,
      long trailCents,
      int trailBps,
      @Nullable Long playPool)
      implements BookCommand {
    /**
     * The same order placed by {@code userId} through a venue: {@code playPool} null for the real
     * market, a tournament's id for its play-money books. A book refuses an order from another
     * venue.
     */
    public OrderRequest by(long userId, @Nullable Long pool) {
      return new OrderRequest(
          userId,
          symbol,
          side,
          type,
          priceCents,
          quantity,
          timeInForce,
          clientOrderId,
          maxCostCents,
          expiresAt,
          triggerKind,
          stopPriceCents,
          trailCents,
          trailBps,
          pool);
    }

    static OrderRequest fromJson(JsonObject json) {
      return new OrderRequest(
          json.getLong("userId"),
          json.getString("symbol"),
          Side.valueOf(json.getString("side").toUpperCase(Locale.ROOT)),
          OrderType.valueOf(json.getString("type").toUpperCase(Locale.ROOT)),
          json.getLong("priceCents", 0L),
          json.getLong("quantity"),
          TimeInForce.valueOf(json.getString("timeInForce")),
          json.getString("clientOrderId"),
          json.getLong("maxCostCents"),
          json.getString("expiresAt") == null ? null : Instant.parse(json.getString("expiresAt")),
          json.getString("trigger") == null
              ? null
              : Trigger.Kind.valueOf(json.getString("trigger")),
          json.getLong("stopPriceCents", 0L),
          json.getLong("trailCents", 0L),
          json.getInteger("trailBps", 0),
          json.getLong("playPool"));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("op", "place")
          .put("userId", userId)
          .put("symbol", symbol)
          .put("side", side.name().toLowerCase(Locale.ROOT))
          .put("type", type.name().toLowerCase(Locale.ROOT))
          .put("priceCents", priceCents)
          .put("quantity", quantity)
          .put("timeInForce", timeInForce.name())
          .put("clientOrderId", clientOrderId)
          .put("maxCostCents", maxCostCents)
          .put("expiresAt", expiresAt == null ? null : expiresAt.toString())
          .put("trigger", triggerKind == null ? null : triggerKind.name())
          .put("stopPriceCents", stopPriceCents)
          .put("trailCents", trailCents)
          .put("trailBps", trailBps)
          .put("playPool", playPool);
    }
  }

  record CancelRequest(long userId, long orderId) implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "cancel").put("userId", userId).put("orderId", orderId);
    }
  }

  /**
   * Changes an order's price and/or total quantity (filled shares included); null leaves that one
   * as it is. Only a lower quantity at the same price keeps the order's place in the queue.
   */
  record AmendRequest(long userId, long orderId, @Nullable Long priceCents, @Nullable Long quantity)
      implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject()
          .put("op", "amend")
          .put("userId", userId)
          .put("orderId", orderId)
          .put("priceCents", priceCents)
          .put("quantity", quantity);
    }
  }

  /** Expires the good-till-date orders whose time is up (the owner gives itself this one). */
  record ExpireDue() implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "expire");
    }
  }

  /** Cancels every open order of the user in this book. */
  record CancelAllRequest(long userId) implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "cancelAll").put("userId", userId);
    }
  }

  /** Moves the instrument to a phase; {@code by} is {@code admin:<id>} or {@code schedule}. */
  record PhaseChange(Phase phase, String by) implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "phase").put("phase", phase.apiName()).put("by", by);
    }
  }

  /** Drops the in-memory book and loads it again from PostgreSQL (an operator's repair tool). */
  record Rebuild() implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "rebuild");
    }
  }
}
