package io.showfloor.market.trading;

import io.showfloor.market.engine.NewOrder;
import io.showfloor.market.engine.OrderStatus;
import io.showfloor.market.engine.OrderType;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.StatusReason;
import io.showfloor.market.engine.TimeInForce;
import io.showfloor.market.engine.Trigger;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One order as the market stores it: the engine's view (price, quantities, priority) plus what the
 * engine does not care about (who locked how much cash, fees paid, client id). Mutable: the book
 * owner keeps the open ones in memory and writes their final state at the end of each batch.
 */
public final class OrderRow {
  public static final String COLUMNS =
      "id, symbol, user_id, client_order_id, side, type, price_cents, quantity, "
          + "filled_quantity, filled_value_cents, fee_cents, time_in_force, status, reason, book_sequence, "
          + "escrow_price_cents, max_cost_cents, locked_cents, amend_count, expires_at, stop_price_cents, trail_cents, trail_bps, triggered_at, created_at, updated_at, "
          + "oco_group_id, parent_order_id, bracket_stop_cents, bracket_stop_limit_cents, bracket_target_cents";

  final long id;
  final String symbol;
  final long userId;
  final @Nullable String clientOrderId;
  final Side side;
  final OrderType type;
  long priceCents;
  long quantity;
  long filledQuantity;
  long filledValueCents;
  long feeCents;
  final TimeInForce timeInForce;
  OrderStatus status;
  StatusReason reason;
  long sequence;
  long escrowPriceCents;
  final @Nullable Long maxCostCents;
  long lockedCents;

  /** Non-null for an order that waits for a trigger (stop_market, stop_limit, take_profit). */
  Trigger.@Nullable Kind triggerKind;

  /** The trigger price (a trailing stop's current stop, as it moved); 0 without a trigger. */
  long stopPriceCents;

  /** A trailing stop's distance from the best price, in cents or in bps (one of them); else 0. */
  long trailCents;

  int trailBps;

  /** When the trigger fired; null while waiting (and for orders without one). */
  @Nullable Instant triggeredAt;

  /** When a GTD order expires; null for every other time in force. */
  @Nullable Instant expiresAt;

  /**
   * The one-cancels-other pair this order is a leg of: the id of the leg placed first (a bracket's
   * stop); null for an order on its own. Kept after the pair split, so reads still show the link.
   */
  @Nullable Long ocoGroupId;

  /** The other leg while both are open (in memory; derived from the group on a rebuild), else 0. */
  long linkedOrderId;

  /**
   * Whether the pair's escrow is held by the other leg: a pair locks once (a sell its shares, a buy
   * the larger of the two legs' needs) on one leg, the holder; the other locks nothing while
   * linked.
   */
  boolean escrowWithSibling;

  /** A bracket child's entry order; null otherwise. */
  @Nullable Long parentOrderId;

  /** A bracket entry's children, placed when it ends having filled: 0 when it has none. */
  long bracketStopCents;

  long bracketStopLimitCents;
  long bracketTargetCents;

  /** Amends so far: numbers the ledger keys of the escrow each amend moves. */
  int amendments;

  final Instant createdAt;
  Instant updatedAt;

  OrderRow(
      long id,
      String symbol,
      long userId,
      @Nullable String clientOrderId,
      Side side,
      OrderType type,
      long priceCents,
      long quantity,
      TimeInForce timeInForce,
      long escrowPriceCents,
      @Nullable Long maxCostCents,
      Instant createdAt) {
    this.id = id;
    this.symbol = symbol;
    this.userId = userId;
    this.clientOrderId = clientOrderId;
    this.side = side;
    this.type = type;
    this.priceCents = priceCents;
    this.quantity = quantity;
    this.timeInForce = timeInForce;
    this.status = OrderStatus.ACTIVE;
    this.reason = StatusReason.NONE;
    this.escrowPriceCents = escrowPriceCents;
    this.maxCostCents = maxCostCents;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  private OrderRow(OrderRow other) {
    this(
        other.id,
        other.symbol,
        other.userId,
        other.clientOrderId,
        other.side,
        other.type,
        other.priceCents,
        other.quantity,
        other.timeInForce,
        other.escrowPriceCents,
        other.maxCostCents,
        other.createdAt);
    copyMutable(other);
  }

  private void copyMutable(OrderRow other) {
    quantity = other.quantity;
    filledQuantity = other.filledQuantity;
    filledValueCents = other.filledValueCents;
    feeCents = other.feeCents;
    status = other.status;
    reason = other.reason;
    sequence = other.sequence;
    lockedCents = other.lockedCents;
    amendments = other.amendments;
    expiresAt = other.expiresAt;
    triggerKind = other.triggerKind;
    stopPriceCents = other.stopPriceCents;
    trailCents = other.trailCents;
    trailBps = other.trailBps;
    triggeredAt = other.triggeredAt;
    priceCents = other.priceCents;
    escrowPriceCents = other.escrowPriceCents;
    ocoGroupId = other.ocoGroupId;
    linkedOrderId = other.linkedOrderId;
    escrowWithSibling = other.escrowWithSibling;
    parentOrderId = other.parentOrderId;
    bracketStopCents = other.bracketStopCents;
    bracketStopLimitCents = other.bracketStopLimitCents;
    bracketTargetCents = other.bracketTargetCents;
    updatedAt = other.updatedAt;
  }

  public static OrderRow from(Row row) {
    Long price = row.getLong("price_cents");
    Long escrowPrice = row.getLong("escrow_price_cents");
    OrderRow order =
        new OrderRow(
            row.getLong("id"),
            row.getString("symbol"),
            row.getLong("user_id"),
            row.getString("client_order_id"),
            Side.valueOf(row.getString("side").toUpperCase(Locale.ROOT)),
            engineType(row.getString("type")),
            price == null ? 0 : price,
            row.getLong("quantity"),
            TimeInForce.valueOf(row.getString("time_in_force")),
            escrowPrice == null ? 0 : escrowPrice,
            row.getLong("max_cost_cents"),
            row.getOffsetDateTime("created_at").toInstant());
    order.filledQuantity = row.getLong("filled_quantity");
    order.filledValueCents = row.getLong("filled_value_cents");
    order.feeCents = row.getLong("fee_cents");
    order.status = OrderStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT));
    order.reason = StatusReason.valueOf(row.getString("reason").toUpperCase(Locale.ROOT));
    order.sequence = row.getLong("book_sequence");
    order.lockedCents = row.getLong("locked_cents");
    order.amendments = row.getInteger("amend_count");
    order.triggerKind = triggerKind(row.getString("type"));
    Long stop = row.getLong("stop_price_cents");
    order.stopPriceCents = stop == null ? 0 : stop;
    Long trailCents = row.getLong("trail_cents");
    order.trailCents = trailCents == null ? 0 : trailCents;
    Integer trailBps = row.getInteger("trail_bps");
    order.trailBps = trailBps == null ? 0 : trailBps;
    java.time.OffsetDateTime triggered = row.getOffsetDateTime("triggered_at");
    order.triggeredAt = triggered == null ? null : triggered.toInstant();
    java.time.OffsetDateTime expires = row.getOffsetDateTime("expires_at");
    order.expiresAt = expires == null ? null : expires.toInstant();
    order.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
    order.ocoGroupId = row.getLong("oco_group_id");
    order.parentOrderId = row.getLong("parent_order_id");
    order.bracketStopCents = orZero(row.getLong("bracket_stop_cents"));
    order.bracketStopLimitCents = orZero(row.getLong("bracket_stop_limit_cents"));
    order.bracketTargetCents = orZero(row.getLong("bracket_target_cents"));
    return order;
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }

  /** Whether this order opens a bracket: its stop and target go live when it ends having filled. */
  boolean hasBracket() {
    return bracketTargetCents != 0;
  }

  /** A frozen copy, for a reply that must show the order as one command left it. */
  OrderRow snapshot() {
    return new OrderRow(this);
  }

  /** The order as the engine needs it to put it back in a rebuilt book. */
  NewOrder toNewOrder() {
    if (isWaiting()) {
      return new NewOrder(
          id,
          userId,
          side,
          type,
          priceCents,
          quantity,
          timeInForce,
          triggeredMarketBuyCap(),
          new Trigger(
              java.util.Objects.requireNonNull(triggerKind), stopPriceCents, trailCents, trailBps));
    }
    return type == OrderType.LIMIT
        ? NewOrder.limit(id, userId, side, priceCents, quantity, timeInForce)
        : NewOrder.market(id, userId, side, quantity, timeInForce);
  }

  /** Whether the order still waits for its trigger, off the book. */
  boolean isWaiting() {
    return triggerKind != null && triggeredAt == null && status.isOpen();
  }

  /**
   * A triggered market buy may spend at most the value its escrow was priced at (the band top of
   * the day it was placed), so its fills can never exceed what it locked.
   */
  long triggeredMarketBuyCap() {
    return type == OrderType.MARKET && side == Side.BUY
        ? Math.multiplyExact(escrowPriceCents, quantity)
        : NewOrder.NO_NOTIONAL_CAP;
  }

  /** The type as the API and the database name it. */
  String apiType() {
    if (triggerKind == null) {
      return type.name().toLowerCase(Locale.ROOT);
    }
    if (triggerKind == Trigger.Kind.TAKE_PROFIT) {
      return "take_profit";
    }
    if (triggerKind == Trigger.Kind.TRAILING_STOP) {
      return "trailing_stop";
    }
    return type == OrderType.LIMIT ? "stop_limit" : "stop_market";
  }

  /** The engine's execution type behind an API type: only limit and stop_limit carry a price. */
  static OrderType engineType(String apiType) {
    return apiType.equals("limit") || apiType.equals("stop_limit")
        ? OrderType.LIMIT
        : OrderType.MARKET;
  }

  static Trigger.@Nullable Kind triggerKind(String apiType) {
    return switch (apiType) {
      case "stop_market", "stop_limit" -> Trigger.Kind.STOP;
      case "take_profit" -> Trigger.Kind.TAKE_PROFIT;
      case "trailing_stop" -> Trigger.Kind.TRAILING_STOP;
      default -> null;
    };
  }

  public long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public String symbol() {
    return symbol;
  }

  public @Nullable String clientOrderId() {
    return clientOrderId;
  }

  public boolean isBuy() {
    return side == Side.BUY;
  }

  public boolean isOpen() {
    return status.isOpen();
  }

  public long openQuantity() {
    return status.isOpen() ? quantity - filledQuantity : 0;
  }

  /** Whether a retried request with the same clientOrderId asks for this very order. */
  boolean sameRequest(BookCommand.OrderRequest request) {
    return symbol.equals(request.symbol())
        && side == request.side()
        && type == request.type()
        && priceCents == request.priceCents()
        && quantity == request.quantity()
        && timeInForce == request.timeInForce()
        && triggerKind == request.triggerKind();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("symbol", symbol)
        .put("side", side.name().toLowerCase(Locale.ROOT))
        .put("type", apiType())
        .put("priceCents", type == OrderType.LIMIT ? priceCents : null)
        .put("stopPriceCents", triggerKind == null ? null : stopPriceCents)
        .put("trailCents", trailCents == 0 ? null : trailCents)
        .put("trailBps", trailBps == 0 ? null : trailBps)
        .put("triggered", triggerKind == null ? null : triggeredAt != null)
        .put("triggeredAt", triggeredAt == null ? null : triggeredAt.toString())
        .put("quantity", quantity)
        .put("filledQuantity", filledQuantity)
        .put("status", status.apiName())
        .put("reason", reason.name().toLowerCase(Locale.ROOT))
        .put("timeInForce", timeInForce.name())
        .put("clientOrderId", clientOrderId)
        // average fill price, rounded half up to the cent
        .put(
            "averagePriceCents",
            filledQuantity == 0 ? null : (filledValueCents + filledQuantity / 2) / filledQuantity)
        .put("filledValueCents", filledValueCents)
        .put("feeCents", feeCents)
        .put("lockedCents", lockedCents)
        .put("maxCostCents", maxCostCents)
        .put("expiresAt", expiresAt == null ? null : expiresAt.toString())
        .put("ocoGroupId", ocoGroupId)
        .put("parentOrderId", parentOrderId)
        .put(
            "bracket",
            hasBracket()
                ? new JsonObject()
                    .put("stopPriceCents", bracketStopCents)
                    .put(
                        "stopLimitPriceCents",
                        bracketStopLimitCents == 0 ? null : bracketStopLimitCents)
                    .put("targetPriceCents", bracketTargetCents)
                : null)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
  }
}
