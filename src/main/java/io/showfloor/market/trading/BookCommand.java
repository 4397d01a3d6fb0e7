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
      case "reconcile" -> new Reconcile();
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
      @Nullable Leg oco,
      @Nullable Bracket bracket,
      @Nullable Long playPool)
      implements BookCommand {

    /** An order on its own on the real market: no linked leg, no bracket, no play pool. */
    public OrderRequest(
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
        int trailBps) {
      this(
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
          null,
          null,
          null);
    }

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
          oco,
          bracket,
          pool);
    }

    /** The same request from another user (the HTTP side fills the caller in). */
    public OrderRequest forUser(long user) {
      return by(user, playPool);
    }

    /** The order's own leg: its type, prices and trigger. */
    Leg leg() {
      return new Leg(type, priceCents, triggerKind, stopPriceCents, trailCents, trailBps);
    }

    /**
     * This request with the other leg's type and prices (same side, quantity, time in force and
     * venue).
     */
    OrderRequest asLeg(Leg leg) {
      return new OrderRequest(
          userId,
          symbol,
          side,
          leg.type(),
          leg.priceCents(),
          quantity,
          timeInForce,
          null,
          null,
          expiresAt,
          leg.triggerKind(),
          leg.stopPriceCents(),
          leg.trailCents(),
          leg.trailBps(),
          null,
          null,
          playPool);
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
          json.getJsonObject("oco") == null ? null : Leg.fromJson(json.getJsonObject("oco")),
          json.getJsonObject("bracket") == null
              ? null
              : Bracket.fromJson(json.getJsonObject("bracket")),
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
          .put("oco", oco == null ? null : oco.toJson())
          .put("bracket", bracket == null ? null : bracket.toJson())
          .put("playPool", playPool);
    }
  }

  /**
   * One leg of a one-cancels-other pair: what differs between the legs (both share the symbol,
   * side, quantity and time in force).
   */
  record Leg(
      OrderType type,
      long priceCents,
      Trigger.@Nullable Kind triggerKind,
      long stopPriceCents,
      long trailCents,
      int trailBps) {
    static Leg fromJson(JsonObject json) {
      return new Leg(
          OrderType.valueOf(json.getString("type")),
          json.getLong("priceCents", 0L),
          json.getString("trigger") == null
              ? null
              : Trigger.Kind.valueOf(json.getString("trigger")),
          json.getLong("stopPriceCents", 0L),
          json.getLong("trailCents", 0L),
          json.getInteger("trailBps", 0));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("type", type.name())
          .put("priceCents", priceCents)
          .put("trigger", triggerKind == null ? null : triggerKind.name())
          .put("stopPriceCents", stopPriceCents)
          .put("trailCents", trailCents)
          .put("trailBps", trailBps);
    }
  }

  /**
   * A bracket on a buy: when the entry ends having filled, a sell stop at {@code stopPriceCents} (a
   * stop-limit when {@code stopLimitCents} is positive) and a sell limit at {@code targetCents} go
   * live as a one-cancels-other pair for the filled quantity.
   */
  record Bracket(long stopPriceCents, long stopLimitCents, long targetCents) {
    static Bracket fromJson(JsonObject json) {
      return new Bracket(
          json.getLong("stopPriceCents"),
          json.getLong("stopLimitCents", 0L),
          json.getLong("targetCents"));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("stopPriceCents", stopPriceCents)
          .put("stopLimitCents", stopLimitCents)
          .put("targetCents", targetCents);
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

  /**
   * Compares what the owner believes its open orders hold with the committed orders (between
   * batches); answers {@code {symbol, differences}}.
   */
  record Reconcile() implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "reconcile");
    }
  }

  /** Drops the in-memory book and loads it again from PostgreSQL (an operator's repair tool). */
  record Rebuild() implements BookCommand {
    public JsonObject toJson() {
      return new JsonObject().put("op", "rebuild");
    }
  }
}
