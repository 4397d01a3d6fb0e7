package io.showfloor.market.trading;

import io.showfloor.market.FeePayer;
import io.showfloor.market.Instrument;
import io.showfloor.market.Phase;
import io.showfloor.market.cash.CashMovement;
import io.showfloor.market.engine.AmendResult;
import io.showfloor.market.engine.BookMode;
import io.showfloor.market.engine.DepthLevel;
import io.showfloor.market.engine.Fill;
import io.showfloor.market.engine.NewOrder;
import io.showfloor.market.engine.OrderState;
import io.showfloor.market.engine.OrderType;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.SubmitResult;
import io.showfloor.market.engine.TimeInForce;
import io.showfloor.market.engine.Trigger;
import io.showfloor.market.engine.UncrossResult;
import io.showfloor.market.trading.BookCommand.AmendRequest;
import io.showfloor.market.trading.BookCommand.CancelAllRequest;
import io.showfloor.market.trading.BookCommand.CancelRequest;
import io.showfloor.market.trading.BookCommand.ExpireDue;
import io.showfloor.market.trading.BookCommand.OrderRequest;
import io.showfloor.market.trading.BookCommand.PhaseChange;
import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The commands of one database transaction, applied to the in-memory book one after another. Each
 * command first checks everything that could refuse it, then changes the state; what it changed
 * (orders, trades, holdings, cash movements) accumulates here for one write. If that write fails,
 * the owner throws the in-memory state away and rebuilds it from PostgreSQL.
 */
final class Batch {
  /** The furthest expiry a GTD order may name. */
  static final java.time.Duration MAX_GOOD_TILL = java.time.Duration.ofDays(366);

  private final BookState state;
  private final Instant now;
  private final int slippageBps;
  private final Map<Long, Long> spendable;
  private final Map<String, ExistingOrder> existing;
  private final LongSupplier orderIds;

  final Map<Long, OrderRow> newOrders = new LinkedHashMap<>();
  final Map<Long, OrderRow> changedOrders = new LinkedHashMap<>();
  final List<TradeRow> trades = new ArrayList<>();
  final Set<Holding> changedHoldings = new LinkedHashSet<>();
  final List<CashMovement> cash = new ArrayList<>();
  boolean instrumentChanged;
  private final Map<String, OrderRow> clientOrders = new HashMap<>();
  private List<TradeRow> commandTrades = new ArrayList<>();

  /**
   * An order already stored under the same clientOrderId, with its fills, for an idempotent answer.
   */
  record ExistingOrder(OrderRow order, JsonArray fills) {}

  /**
   * @param spendable each ordering buyer's spendable cash, read in this transaction; kept running
   * @param existing orders already stored under the batch's client order ids, keyed by {@link
   *     #clientKey}
   * @param orderIds pre-drawn ids for new orders
   */
  Batch(
      BookState state,
      Instant now,
      int slippageBps,
      Map<Long, Long> spendable,
      Map<String, ExistingOrder> existing,
      LongSupplier orderIds) {
    this.state = state;
    this.now = now;
    this.slippageBps = slippageBps;
    this.spendable = spendable;
    this.existing = existing;
    this.orderIds = orderIds;
  }

  static String clientKey(long userId, String clientOrderId) {
    return userId + "|" + clientOrderId;
  }

  boolean changedAnything() {
    return !newOrders.isEmpty()
        || !changedOrders.isEmpty()
        || !trades.isEmpty()
        || !changedHoldings.isEmpty()
        || !cash.isEmpty()
        || instrumentChanged;
  }

  Outcome apply(BookCommand command) {
    commandTrades = new ArrayList<>();
    if (command instanceof OrderRequest order) {
      return place(order);
    } else if (command instanceof CancelRequest cancel) {
      return cancel(cancel);
    } else if (command instanceof AmendRequest amend) {
      return amend(amend);
    } else if (command instanceof CancelAllRequest cancelAll) {
      return cancelAll(cancelAll);
    } else if (command instanceof ExpireDue) {
      return expireDue();
    } else if (command instanceof PhaseChange phase) {
      return changePhase(phase);
    }
    throw new IllegalArgumentException(command + " is not a batch command");
  }

  // ---- new orders ---------------------------------------------------------------------------

  private Outcome place(OrderRequest request) {
    Instrument instrument = state.instrument;
    if (request.clientOrderId() != null) {
      String key = clientKey(request.userId(), request.clientOrderId());
      OrderRow inBatch = clientOrders.get(key);
      ExistingOrder stored = existing.get(key);
      OrderRow earlier = inBatch != null ? inBatch : stored != null ? stored.order() : null;
      if (earlier != null) {
        if (!earlier.sameRequest(request)) {
          return Outcome.refused(
              Refused.conflict(
                  "client_order_id_reused",
                  "clientOrderId "
                      + request.clientOrderId()
                      + " already names a different order ("
                      + earlier.id
                      + ")"));
        }
        if (stored != null) {
          return Outcome.storedEarlier(
              new JsonObject().put("order", stored.order().toJson()).put("fills", stored.fills()));
        }
        // not stored yet: placed earlier in this very batch
        return Outcome.placedEarlier(
            earlier,
            trades.stream()
                .filter(t -> t.buyOrderId == earlier.id || t.sellOrderId == earlier.id)
                .toList());
      }
    }
    Refused refusal = refusal(instrument, request);
    if (refusal != null) {
      return Outcome.refused(refusal);
    }
    boolean buy = request.side() == Side.BUY;
    Trigger.Kind triggerKind = request.triggerKind();
    boolean continuousMarketBuy =
        buy
            && request.type() == OrderType.MARKET
            && triggerKind == null
            && state.book.mode() == BookMode.CONTINUOUS;
    long escrowPrice = 0;
    long cap = NewOrder.NO_NOTIONAL_CAP;
    long lock = 0;
    if (buy) {
      if (continuousMarketBuy) {
        cap = marketBuyCap(request);
        lock = cap + Escrow.maxFeeOn(cap, 0, instrument.feeBps(), instrument.feePayer());
      } else {
        escrowPrice =
            request.type() == OrderType.LIMIT ? request.priceCents() : instrument.bandHighCents();
        lock =
            Escrow.requiredLock(
                escrowPrice, request.quantity(), 0, instrument.feeBps(), instrument.feePayer());
      }
      long available = spendable.getOrDefault(request.userId(), 0L);
      if (available < lock) {
        return Outcome.refused(
            Refused.unprocessable(
                "insufficient_funds",
                "This order needs " + lock + " cents of spendable cash; you have " + available));
      }
    } else {
      Holding holding = state.holding(request.userId());
      long available = holding == null ? 0 : holding.available();
      if (available < request.quantity()) {
        return Outcome.refused(
            Refused.unprocessable(
                "insufficient_shares",
                "This order sells "
                    + request.quantity()
                    + " shares; you have "
                    + available
                    + " not already on sale"));
      }
    }

    long id = orderIds.getAsLong();
    OrderRow row =
        new OrderRow(
            id,
            instrument.symbol(),
            request.userId(),
            request.clientOrderId(),
            request.side(),
            request.type(),
            request.priceCents(),
            request.quantity(),
            request.timeInForce(),
            escrowPrice,
            continuousMarketBuy ? cap : null,
            now);
    row.expiresAt = request.expiresAt();
    Trigger trigger = triggerKind == null ? null : trigger(instrument, request, triggerKind);
    row.triggerKind = triggerKind;
    row.stopPriceCents = trigger == null ? 0 : trigger.priceCents();
    row.trailCents = request.trailCents();
    row.trailBps = request.trailBps();
    if (buy) {
      row.lockedCents = lock;
      spend(request.userId(), lock);
      if (lock > 0) {
        cash.add(new CashMovement.EscrowLock(request.userId(), id, lock));
      }
    } else {
      Holding holding = state.holdingOf(request.userId());
      holding.lockedShares += request.quantity();
      changedHoldings.add(holding);
    }
    // a capped buy with nothing to buy still needs a positive cap; it cannot trade anyway
    long engineCap = cap == NewOrder.NO_NOTIONAL_CAP ? cap : Math.max(cap, 1);
    if (triggerKind != null) {
      engineCap = row.triggeredMarketBuyCap();
    }
    NewOrder order =
        new NewOrder(
            id,
            request.userId(),
            request.side(),
            request.type(),
            request.priceCents(),
            request.quantity(),
            request.timeInForce(),
            engineCap,
            trigger);
    state.open.put(id, row);
    newOrders.put(id, row);
    if (request.clientOrderId() != null) {
      clientOrders.put(clientKey(request.userId(), request.clientOrderId()), row);
    }
    SubmitResult result = state.book.submit(order);
    row.sequence = result.order().sequence();
    settle(result.fills());
    List<OrderState> states = new ArrayList<>(result.touched().size() + 1);
    states.addAll(result.touched());
    states.add(result.order());
    applyStates(states, null);
    return Outcome.placed(row, commandTrades);
  }

  /** Every rule a new order must meet before it touches anything; null when it may proceed. */
  private @Nullable Refused refusal(Instrument instrument, OrderRequest request) {
    Refused venue = venueRefusal(instrument, request.playPool());
    if (venue != null) {
      return venue;
    }
    if (!instrument.approved()) {
      return Refused.conflict(
          "instrument_not_approved", instrument.symbol() + " is not approved for trading");
    }
    if (instrument.phase() == Phase.CLOSED) {
      return Refused.conflict(
          "market_closed", instrument.symbol() + " is closed; orders are taken from pre-open");
    }
    if (instrument.phase() == Phase.HALTED) {
      return Refused.conflict("market_halted", "Trading in " + instrument.symbol() + " is halted");
    }
    if (request.quantity() > instrument.maxOrderQuantity()) {
      return Refused.unprocessable(
          "quantity_above_maximum",
          "An order in "
              + instrument.symbol()
              + " is at most "
              + instrument.maxOrderQuantity()
              + " shares");
    }
    if (request.type() == OrderType.LIMIT) {
      Refused price = priceRefusal(instrument, request.priceCents());
      if (price != null) {
        return price;
      }
    }
    Trigger.Kind triggerKind = request.triggerKind();
    if (triggerKind != null) {
      Refused trigger = triggerRefusal(instrument, request, triggerKind);
      if (trigger != null) {
        return trigger;
      }
    }
    Instant expiresAt = request.expiresAt();
    if (expiresAt != null) {
      if (!expiresAt.isAfter(now)) {
        return Refused.unprocessable(
            "expires_at_in_past", "expiresAt " + expiresAt + " has passed (now " + now + ")");
      }
      if (expiresAt.isAfter(now.plus(MAX_GOOD_TILL))) {
        return Refused.unprocessable(
            "expires_at_too_far", "A GTD order expires within " + MAX_GOOD_TILL.toDays() + " days");
      }
    }
    if (state.book.mode() == BookMode.CALL_AUCTION) {
      if (request.timeInForce() == TimeInForce.IOC || request.timeInForce() == TimeInForce.FOK) {
        return Refused.unprocessable(
            "time_in_force_not_allowed",
            request.timeInForce()
                + " orders need continuous trading; "
                + instrument.symbol()
                + " is collecting for an auction");
      }
      if (request.maxCostCents() != null) {
        return Refused.unprocessable(
            "max_cost_not_allowed",
            "A market buy waiting for an auction is escrowed at the band top; maxCostCents applies in continuous trading");
      }
    }
    return null;
  }

  /**
   * Real cash trades only real instruments and a tournament's play money only its own: checked by
   * the book's single writer, so no route around the endpoints can cross the line.
   */
  static @Nullable Refused venueRefusal(Instrument instrument, @Nullable Long playPool) {
    Long pool = instrument.playPool();
    if (java.util.Objects.equals(pool, playPool)) {
      return null;
    }
    if (playPool == null) {
      return Refused.conflict(
          "tournament_instrument",
          instrument.symbol()
              + " trades with play money in tournament "
              + pool
              + "; place orders through /api/tournaments/"
              + pool
              + "/orders");
    }
    if (pool == null) {
      return Refused.conflict(
          "real_market_instrument",
          instrument.symbol() + " trades on the real market; play money cannot buy it");
    }
    return Refused.conflict(
        "instrument_not_in_tournament",
        instrument.symbol() + " belongs to tournament " + pool + ", not " + playPool);
  }

  /**
   * A trigger order waits (GTC, DAY or GTD, never IOC or FOK), its stop price sits on the tick and
   * in the band, and it must not have fired already: a sell stop below the last price (the
   * reference before the first trade), a buy stop above it, a take-profit on the other side.
   */
  private @Nullable Refused triggerRefusal(
      Instrument instrument, OrderRequest request, Trigger.Kind kind) {
    if (!request.timeInForce().rests()) {
      return Refused.unprocessable(
          "time_in_force_not_allowed",
          request.timeInForce() + " means now; a stop or take-profit waits (GTC, DAY or GTD)");
    }
    long last = lastOrReference(instrument);
    if (kind == Trigger.Kind.TRAILING_STOP) {
      if (Trigger.stopFrom(request.side(), last, request.trailCents(), request.trailBps()) <= 0) {
        return Refused.unprocessable(
            "trail_too_large",
            "A sell trailing stop's trail must be smaller than the last price " + last);
      }
      return null;
    }
    Refused price = priceRefusal(instrument, request.stopPriceCents());
    if (price != null) {
      return price;
    }
    if (new Trigger(kind, request.stopPriceCents()).fires(request.side(), last)) {
      boolean above = (kind == Trigger.Kind.STOP) == (request.side() == Side.BUY);
      return Refused.unprocessable(
          "trigger_on_wrong_side",
          "A "
              + request.side().name().toLowerCase(java.util.Locale.ROOT)
              + (kind == Trigger.Kind.STOP ? " stop" : " take-profit")
              + " must lie "
              + (above ? "above" : "below")
              + " the last price "
              + last
              + " (it would fire at once)");
    }
    return null;
  }

  /** The price triggers compare against: the last trade's, the reference before the first. */
  private static long lastOrReference(Instrument instrument) {
    Long lastPrice = instrument.lastPriceCents();
    return lastPrice != null ? lastPrice : instrument.referencePriceCents();
  }

  /**
   * The trigger of an order already checked: a trailing stop starts one trail from the last price
   * (the reference before the first trade), as if that were the best price so far.
   */
  private static Trigger trigger(Instrument instrument, OrderRequest request, Trigger.Kind kind) {
    if (kind == Trigger.Kind.TRAILING_STOP) {
      return Trigger.trailing(
          request.side(), lastOrReference(instrument), request.trailCents(), request.trailBps());
    }
    return new Trigger(kind, request.stopPriceCents());
  }

  /** A limit price must sit on the tick and inside today's band; null when it does. */
  private static @Nullable Refused priceRefusal(Instrument instrument, long priceCents) {
    if (priceCents % instrument.tickSizeCents() != 0) {
      return Refused.unprocessable(
          "price_off_tick",
          "Prices in "
              + instrument.symbol()
              + " are multiples of "
              + instrument.tickSizeCents()
              + " cents");
    }
    if (priceCents < instrument.bandLowCents() || priceCents > instrument.bandHighCents()) {
      return Refused.unprocessable(
          "price_outside_band",
          "Prices in "
              + instrument.symbol()
              + " must lie within "
              + instrument.bandLowCents()
              + ".."
              + instrument.bandHighCents()
              + " cents today");
    }
    return null;
  }

  /**
   * The most a continuous market buy may spend: the cost of walking the asks for its quantity
   * (shares beyond the visible depth priced at the band top) plus the slippage allowance, never
   * above the band top for every share, and never above the buyer's own maxCostCents.
   */
  private long marketBuyCap(OrderRequest request) {
    Instrument instrument = state.instrument;
    long bandTopCost = Math.multiplyExact(instrument.bandHighCents(), request.quantity());
    if (request.maxCostCents() != null) {
      return Math.min(request.maxCostCents(), bandTopCost);
    }
    long needed = request.quantity();
    long walk = 0;
    boolean anyAsk = false;
    for (DepthLevel level : state.book.depth(64).asks()) {
      long shares = Math.min(needed, level.quantity());
      walk += shares * level.priceCents();
      needed -= shares;
      anyAsk = true;
      if (needed == 0) {
        break;
      }
    }
    if (!anyAsk) {
      return 0;
    }
    walk += needed * instrument.bandHighCents();
    long withSlippage = walk + (walk * slippageBps + 9_999) / 10_000;
    return Math.min(withSlippage, bandTopCost);
  }

  // ---- cancel and reduce --------------------------------------------------------------------

  private Outcome cancel(CancelRequest request) {
    OrderRow row = state.open.get(request.orderId());
    if (row == null) {
      return Outcome.refused(
          Refused.conflict("order_not_open", "Order " + request.orderId() + " is no longer open"));
    }
    if (row.userId != request.userId()) {
      return Outcome.refused(Refused.notFound("order_not_found", "No such order"));
    }
    OrderState cancelled = state.book.cancel(request.orderId()).orElseThrow();
    applyStates(List.of(cancelled), null);
    return Outcome.order(row);
  }

  /** Expires the GTD orders whose time has come, oldest first; nothing when none is due. */
  private Outcome expireDue() {
    List<OrderRow> due =
        state.open.values().stream()
            .filter(row -> row.expiresAt != null && !row.expiresAt.isAfter(now))
            .sorted(java.util.Comparator.comparingLong(row -> row.id))
            .toList();
    for (OrderRow row : due) {
      applyStates(List.of(state.book.expire(row.id).orElseThrow()), null);
    }
    return Outcome.done(new JsonObject().put("expired", due.size()));
  }

  /** Cancels every open order of the user in this book, oldest first. */
  private Outcome cancelAll(CancelAllRequest request) {
    List<OrderRow> mine =
        state.open.values().stream()
            .filter(row -> row.userId == request.userId())
            .sorted(java.util.Comparator.comparingLong(row -> row.id))
            .toList();
    JsonArray cancelled = new JsonArray();
    for (OrderRow row : mine) {
      OrderState ended = state.book.cancel(row.id).orElseThrow();
      applyStates(List.of(ended), null);
      cancelled.add(row.snapshot().toJson());
    }
    return Outcome.done(new JsonObject().put("items", cancelled));
  }

  /**
   * A new price and/or quantity. Everything that could refuse it is checked first (the order is
   * open and the caller's, the price on the tick and in the band, the quantity above what filled
   * and within the maximum, the cash or shares an increase needs); then the escrow moves to exactly
   * what the amended order needs, and the engine requeues it (or, for a lower quantity alone, keeps
   * its place). A new price that crosses trades at once, settled like any fill of this batch.
   */
  private Outcome amend(AmendRequest request) {
    OrderRow row = state.open.get(request.orderId());
    if (row == null) {
      return Outcome.refused(
          Refused.conflict("order_not_open", "Order " + request.orderId() + " is no longer open"));
    }
    if (row.userId != request.userId()) {
      return Outcome.refused(Refused.notFound("order_not_found", "No such order"));
    }
    if (row.isWaiting()) {
      return Outcome.refused(
          Refused.unprocessable(
              "order_waiting_for_trigger",
              "A stop or take-profit cannot be amended while it waits; cancel it and place another"));
    }
    Instrument instrument = state.instrument;
    Long askedPrice = request.priceCents();
    long price = askedPrice != null ? askedPrice : row.priceCents;
    long quantity = request.quantity() != null ? request.quantity() : row.quantity;
    if (askedPrice != null) {
      if (row.type != OrderType.LIMIT) {
        return Outcome.refused(
            Refused.unprocessable(
                "price_not_allowed", "A market order has no price to amend; cancel it instead"));
      }
      Refused refusal = priceRefusal(instrument, price);
      if (refusal != null) {
        return Outcome.refused(refusal);
      }
    }
    if (quantity > instrument.maxOrderQuantity()) {
      return Outcome.refused(
          Refused.unprocessable(
              "quantity_above_maximum",
              "An order in "
                  + instrument.symbol()
                  + " is at most "
                  + instrument.maxOrderQuantity()
                  + " shares"));
    }
    if (quantity <= row.filledQuantity) {
      return Outcome.refused(
          Refused.unprocessable(
              "quantity_not_above_filled",
              "The new quantity must stay above the "
                  + row.filledQuantity
                  + " shares already filled; cancel instead"));
    }
    if (price == row.priceCents && quantity == row.quantity) {
      return Outcome.order(row);
    }
    long escrowPrice = row.type == OrderType.LIMIT ? price : row.escrowPriceCents;
    long extraCash = 0;
    Holding holding = null;
    if (row.isBuy()) {
      long required =
          Escrow.requiredLock(
              escrowPrice,
              quantity - row.filledQuantity,
              row.filledValueCents,
              instrument.feeBps(),
              instrument.feePayer());
      extraCash = required - row.lockedCents;
      long available = spendable.getOrDefault(row.userId, 0L);
      if (extraCash > available) {
        return Outcome.refused(
            Refused.unprocessable(
                "insufficient_funds",
                "This amend needs "
                    + extraCash
                    + " more cents of spendable cash; you have "
                    + available));
      }
    } else {
      holding = state.holdingOf(row.userId);
      long extraShares = quantity - row.quantity;
      if (extraShares > holding.available()) {
        return Outcome.refused(
            Refused.unprocessable(
                "insufficient_shares",
                "This amend sells "
                    + extraShares
                    + " more shares; you have "
                    + holding.available()
                    + " not already on sale"));
      }
    }

    row.amendments++;
    String occasion = "amend:" + row.amendments;
    if (holding != null) {
      holding.lockedShares += quantity - row.quantity;
      changedHoldings.add(holding);
    } else if (extraCash > 0) {
      row.lockedCents += extraCash;
      spend(row.userId, extraCash);
      cash.add(new CashMovement.EscrowLock(row.userId, row.id, extraCash, occasion));
    }
    row.priceCents = price;
    row.escrowPriceCents = escrowPrice;
    changed(row);
    AmendResult result = state.book.amend(row.id, price, quantity);
    OrderState amended = java.util.Objects.requireNonNull(result.order(), "an open order");
    row.sequence = amended.sequence();
    settle(result.fills());
    applyStates(result.touched(), null);
    // the amended order's own release (what a lower need or its fills free) is named by the amend
    applyStates(List.of(amended), occasion);
    return Outcome.amended(row, commandTrades);
  }

  // ---- phases -------------------------------------------------------------------------------

  private Outcome changePhase(PhaseChange change) {
    Instrument instrument = state.instrument;
    if (!instrument.approved()) {
      return Outcome.refused(
          Refused.conflict("instrument_not_approved", instrument.symbol() + " is not approved"));
    }
    Phase target = change.phase();
    JsonObject body = new JsonObject();
    if (target == instrument.phase()) {
      return Outcome.done(body.put("instrument", instrument.toJson()).put("changed", false));
    }
    if (state.book.mode() == BookMode.CALL_AUCTION
        && (target == Phase.CONTINUOUS || target == Phase.CLOSED)) {
      UncrossResult uncross = state.book.uncross(instrument.auctionReferenceCents());
      settle(uncross.fills());
      applyStates(uncross.touched(), null);
      body.put(
          "uncross",
          new JsonObject()
              .put("priceCents", uncross.price().executes() ? uncross.price().priceCents() : null)
              .put("volume", uncross.price().volume())
              .put("imbalance", uncross.price().imbalance())
              .put("decision", uncross.price().decision().name().toLowerCase())
              .put("trades", uncross.fills().size()));
    }
    if (target == Phase.CLOSED) {
      List<OrderState> expired = state.book.expireDay();
      applyStates(expired, null);
      body.put("expiredOrders", expired.size());
    }
    Instrument moved = state.instrument;
    if (target == Phase.PRE_OPEN && moved.lastPriceCents() != null) {
      // pre-open starts a new trading day: the band is centred on the last price from now on
      moved = moved.withPrices(moved.lastPriceCents(), moved.lastPriceCents());
    }
    if (target.collects() && state.book.mode() == BookMode.CONTINUOUS) {
      state.book.enterCallAuction();
    }
    state.instrument = moved.withPhase(target, state.book.mode() == BookMode.CALL_AUCTION, now);
    instrumentChanged = true;
    return Outcome.done(
        body.put("instrument", state.instrument.toJson())
            .put("changed", true)
            .put("by", change.by()));
  }

  // ---- what fills and state changes do to orders, holdings and cash ------------------------

  private void settle(List<Fill> fills) {
    Instrument instrument = state.instrument;
    for (Fill fill : fills) {
      OrderRow buy = openOrder(fill.buyOrderId());
      OrderRow sell = openOrder(fill.sellOrderId());
      long value = fill.valueCents();
      long buyerFee =
          instrument.feePayer() == FeePayer.BUYER
              ? Escrow.feeOnFill(buy.filledValueCents, value, instrument.feeBps())
              : 0;
      long sellerFee =
          instrument.feePayer() == FeePayer.SELLER
              ? Escrow.feeOnFill(sell.filledValueCents, value, instrument.feeBps())
              : 0;
      fillOrder(buy, fill.quantity(), value, buyerFee);
      fillOrder(sell, fill.quantity(), value, sellerFee);
      buy.lockedCents -= value + buyerFee;
      if (buy.lockedCents < 0) {
        throw new IllegalStateException("order " + buy.id + " spent more than it locked");
      }
      Holding buyer = state.holdingOrNew(fill.buyOwnerId());
      buyer.bought(fill.quantity(), value + buyerFee);
      Holding seller = state.holdingOf(fill.sellOwnerId());
      long proceeds = value - sellerFee;
      long realized = seller.sold(fill.quantity(), proceeds);
      changedHoldings.add(buyer);
      changedHoldings.add(seller);
      spendable.computeIfPresent(fill.sellOwnerId(), (user, cents) -> cents + proceeds);
      TradeRow trade =
          new TradeRow(
              instrument.symbol(),
              buy.id,
              sell.id,
              buy.userId,
              sell.userId,
              fill.priceCents(),
              fill.quantity(),
              buyerFee,
              sellerFee,
              realized,
              fill.aggressor(),
              now);
      trades.add(trade);
      commandTrades.add(trade);
      state.traded(fill.priceCents(), fill.quantity());
      state.instrument =
          state.instrument.withPrices(state.instrument.referencePriceCents(), fill.priceCents());
      instrumentChanged = true;
    }
  }

  /** An order the engine just filled: it is open here until its final state is applied. */
  private OrderRow openOrder(long orderId) {
    return java.util.Objects.requireNonNull(state.open.get(orderId), "a filled order is open");
  }

  private void fillOrder(OrderRow order, long quantity, long value, long fee) {
    order.filledQuantity += quantity;
    order.filledValueCents += value;
    order.feeCents += fee;
    changed(order);
  }

  /**
   * Takes the engine's final states: an order that ended gives back everything it still locks; an
   * open buy keeps only what its rest still needs ({@code occasion} names that release).
   */
  private void applyStates(List<OrderState> states, @Nullable String occasion) {
    for (OrderState engineState : states) {
      OrderRow row = state.open.get(engineState.orderId());
      if (row == null) {
        throw new IllegalStateException(
            "the engine reported order " + engineState.orderId() + " which is not open here");
      }
      if (row.filledQuantity != engineState.filledQuantity()) {
        throw new IllegalStateException(
            "order "
                + row.id
                + " filled "
                + row.filledQuantity
                + " here but "
                + engineState.filledQuantity()
                + " in the engine");
      }
      if (row.isWaiting() && !engineState.waiting() && engineState.sequence() != row.sequence) {
        // its trigger fired: it went live with a new place in the queue
        row.triggeredAt = now;
        row.sequence = engineState.sequence();
      } else if (row.isWaiting() && engineState.waiting()) {
        // a trailing stop followed a trade
        row.stopPriceCents = engineState.stopPriceCents();
      }
      row.quantity = engineState.quantity();
      row.status = engineState.status();
      row.reason = engineState.reason();
      row.updatedAt = now;
      changed(row);
      if (!engineState.status().isOpen()) {
        state.open.remove(row.id);
        if (row.isBuy()) {
          release(row, row.lockedCents, "end");
        } else {
          Holding holding = state.holdingOf(row.userId);
          holding.lockedShares -= row.quantity - row.filledQuantity;
          changedHoldings.add(holding);
        }
      } else if (row.isBuy()) {
        Instrument instrument = state.instrument;
        long required =
            Escrow.requiredLock(
                row.escrowPriceCents,
                row.quantity - row.filledQuantity,
                row.filledValueCents,
                instrument.feeBps(),
                instrument.feePayer());
        if (row.lockedCents > required) {
          release(
              row,
              row.lockedCents - required,
              occasion != null ? occasion : "filled:" + row.filledQuantity);
        }
      }
    }
  }

  private void release(OrderRow row, long cents, String occasion) {
    if (cents <= 0) {
      return;
    }
    row.lockedCents -= cents;
    spendable.computeIfPresent(row.userId, (user, available) -> available + cents);
    cash.add(new CashMovement.EscrowRelease(row.userId, row.id, cents, occasion));
  }

  private void spend(long userId, long cents) {
    spendable.merge(userId, -cents, Long::sum);
  }

  private void changed(OrderRow row) {
    if (!newOrders.containsKey(row.id)) {
      changedOrders.put(row.id, row);
    }
  }
}
