package io.showfloor.market.trading;

import io.showfloor.market.FeePayer;
import io.showfloor.market.Instrument;
import io.showfloor.market.Phase;
import io.showfloor.market.engine.AmendResult;
import io.showfloor.market.engine.BookMode;
import io.showfloor.market.engine.DepthLevel;
import io.showfloor.market.engine.Fill;
import io.showfloor.market.engine.NewOrder;
import io.showfloor.market.engine.OrderState;
import io.showfloor.market.engine.OrderType;
import io.showfloor.market.engine.Side;
import io.showfloor.market.engine.StatusReason;
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
  boolean instrumentChanged;
  private final Map<String, OrderRow> clientOrders = new HashMap<>();
  private List<TradeRow> commandTrades = new ArrayList<>();

  /** Bracket entries that ended having filled, whose children go live after the command. */
  private final List<OrderRow> dueBrackets = new ArrayList<>();

  /** Set while a cancel-all runs: the user asked for no open orders, so no children appear. */
  private boolean cancellingAll;

  /**
   * An order already stored under the same clientOrderId, with its fills, for an idempotent answer.
   */
  record ExistingOrder(OrderRow order, JsonArray fills) {}

  /**
   * @param spendable each ordering buyer's spendable cash (cash less every hold of every book),
   *     read in this transaction; kept running
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
        || instrumentChanged;
  }

  Outcome apply(BookCommand command) {
    commandTrades = new ArrayList<>();
    Outcome outcome = dispatch(command);
    placeDueBrackets();
    return outcome;
  }

  private Outcome dispatch(BookCommand command) {
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
    BookCommand.Leg otherLeg = request.oco();
    if (otherLeg != null) {
      return placeOco(request, otherLeg);
    }
    BookCommand.Bracket bracket = request.bracket();
    if (bracket != null) {
      Refused bracketRefusal = bracketRefusal(instrument, request, bracket);
      if (bracketRefusal != null) {
        return Outcome.refused(bracketRefusal);
      }
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
        escrowPrice = escrowPrice(instrument, request);
        lock =
            Escrow.requiredLock(
                escrowPrice, request.quantity(), 0, instrument.feeBps(), instrument.feePayer());
      }
    }
    Refused short_ = shortOf(request, lock);
    if (short_ != null) {
      return Outcome.refused(short_);
    }
    OrderRow row = createRow(request, escrowPrice, continuousMarketBuy ? cap : null);
    if (bracket != null) {
      row.bracketStopCents = bracket.stopPriceCents();
      row.bracketStopLimitCents = bracket.stopLimitCents();
      row.bracketTargetCents = bracket.targetCents();
    }
    takeEscrow(row, lock);
    // a capped buy with nothing to buy still needs a positive cap; it cannot trade anyway
    long engineCap = cap == NewOrder.NO_NOTIONAL_CAP ? cap : Math.max(cap, 1);
    submit(row, engineCap, 0);
    Outcome outcome = Outcome.placed(row, commandTrades);
    List<OrderRow> children =
        placeDueBrackets().stream()
            .filter(child -> java.util.Objects.equals(child.parentOrderId, row.id))
            .toList();
    return children.isEmpty() ? outcome : outcome.withLinked(children);
  }

  /** The price a buy's escrow is reckoned at: its limit, or the band top for a market buy. */
  private static long escrowPrice(Instrument instrument, OrderRequest request) {
    return request.type() == OrderType.LIMIT ? request.priceCents() : instrument.bandHighCents();
  }

  /** Whether the user lacks the cash (a buy locking {@code lock}) or shares this order needs. */
  private @Nullable Refused shortOf(OrderRequest request, long lock) {
    if (request.side() == Side.BUY) {
      long available = spendable.getOrDefault(request.userId(), 0L);
      if (available < lock) {
        return Refused.unprocessable(
            "insufficient_funds",
            "This order needs " + lock + " cents of spendable cash; you have " + available);
      }
      return null;
    }
    Holding holding = state.holding(request.userId());
    long available = holding == null ? 0 : holding.available();
    if (available < request.quantity()) {
      return Refused.unprocessable(
          "insufficient_shares",
          "This order sells "
              + request.quantity()
              + " shares; you have "
              + available
              + " not already on sale");
    }
    return null;
  }

  /** A new order's row, checked already, with its trigger; open here but not yet in the engine. */
  private OrderRow createRow(OrderRequest request, long escrowPrice, @Nullable Long maxCost) {
    Instrument instrument = state.instrument;
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
            maxCost,
            now);
    row.expiresAt = request.expiresAt();
    Trigger.Kind triggerKind = request.triggerKind();
    Trigger trigger = triggerKind == null ? null : trigger(instrument, request, triggerKind);
    row.triggerKind = triggerKind;
    row.stopPriceCents = trigger == null ? 0 : trigger.priceCents();
    row.trailCents = request.trailCents();
    row.trailBps = request.trailBps();
    state.open.put(id, row);
    newOrders.put(id, row);
    if (request.clientOrderId() != null) {
      clientOrders.put(clientKey(request.userId(), request.clientOrderId()), row);
    }
    return row;
  }

  /** Holds a buy's cash ({@code lock}) or locks a sell's shares for a new order. */
  private void takeEscrow(OrderRow row, long lock) {
    if (row.isBuy()) {
      state.hold(row, lock);
      spend(row.userId, lock);
    } else {
      Holding holding = state.holdingOf(row.userId);
      holding.lockedShares += row.quantity;
      changedHoldings.add(holding);
    }
  }

  /**
   * Hands a new row to the engine (linked to {@code siblingId} when not 0) and applies what that
   * command did: fills, escrow, the states of every order it touched.
   */
  private void submit(OrderRow row, long engineCap, long siblingId) {
    NewOrder order =
        row.isWaiting()
            ? row.toNewOrder()
            : new NewOrder(
                row.id,
                row.userId,
                row.side,
                row.type,
                row.priceCents,
                row.quantity,
                row.timeInForce,
                engineCap);
    SubmitResult result =
        siblingId == 0 ? state.book.submit(order) : state.book.submitLinked(order, siblingId);
    row.sequence = result.order().sequence();
    List<OrderState> states = new ArrayList<>(result.touched().size() + 1);
    states.addAll(otherThan(result.touched(), row.id));
    states.add(result.order());
    moveSplitEscrow(states);
    settle(result.fills());
    applyStates(states);
  }

  /**
   * The touched states without the command's own order's: the engine reports that order in the
   * touched list too when something else in the command reached it (a leg whose trigger had already
   * fired cancelling it as its sibling, a fired stop trading with it), and its final state must be
   * applied once (a second apply of an ended order finds it no longer open).
   */
  private static List<OrderState> otherThan(List<OrderState> touched, long orderId) {
    return touched.stream().filter(touchedState -> touchedState.orderId() != orderId).toList();
  }

  // ---- one-cancels-other pairs and brackets -------------------------------------------------

  /**
   * Two legs that cancel each other, escrowed once: a sell locks its shares on the leg placed
   * first; a buy locks the larger of the two legs' needs (each a limit buy's or, for a market leg,
   * the band top's) on the leg that needs it. The trigger leg is placed first (it cannot trade on
   * arrival), then the other, linked to it: if that one trades at once, the trigger leg is
   * cancelled in the same command.
   */
  private Outcome placeOco(OrderRequest request, BookCommand.Leg otherLeg) {
    OrderRequest other = request.asLeg(otherLeg);
    Refused refusal = refusal(state.instrument, other);
    if (refusal != null) {
      return Outcome.refused(refusal);
    }
    boolean requestFirst = request.triggerKind() != null;
    List<OrderRow> legs =
        placePair(requestFirst ? request : other, requestFirst ? other : request, null);
    if (legs.isEmpty()) {
      return Outcome.refused(
          java.util.Objects.requireNonNull(pairRefusal, "an empty pair was refused"));
    }
    OrderRow mine = legs.get(requestFirst ? 0 : 1);
    OrderRow linked = legs.get(requestFirst ? 1 : 0);
    return Outcome.placed(mine, commandTrades).withLinked(List.of(linked));
  }

  private @Nullable Refused pairRefusal;

  /**
   * Places two checked legs as a pair (see {@link #placeOco}); empty, with {@link #pairRefusal}
   * set, when the user lacks the cash or shares.
   */
  private List<OrderRow> placePair(OrderRequest first, OrderRequest second, @Nullable Long parent) {
    Instrument instrument = state.instrument;
    boolean buy = first.side() == Side.BUY;
    long firstLock = 0;
    long secondLock = 0;
    if (buy) {
      firstLock =
          Escrow.requiredLock(
              escrowPrice(instrument, first),
              first.quantity(),
              0,
              instrument.feeBps(),
              instrument.feePayer());
      secondLock =
          Escrow.requiredLock(
              escrowPrice(instrument, second),
              second.quantity(),
              0,
              instrument.feeBps(),
              instrument.feePayer());
    }
    long lock = Math.max(firstLock, secondLock);
    pairRefusal = shortOf(first, lock);
    if (pairRefusal != null) {
      return List.of();
    }
    OrderRow a = createRow(first, buy ? escrowPrice(instrument, first) : 0, null);
    OrderRow b = createRow(second, buy ? escrowPrice(instrument, second) : 0, null);
    for (OrderRow leg : List.of(a, b)) {
      leg.ocoGroupId = a.id;
      leg.parentOrderId = parent;
    }
    a.linkedOrderId = b.id;
    b.linkedOrderId = a.id;
    // the holder: a buy's larger need, else the leg placed first
    OrderRow holder = buy && secondLock > firstLock ? b : a;
    OrderRow free = holder == a ? b : a;
    takeEscrow(holder, lock);
    free.escrowWithSibling = true;
    submit(a, a.triggeredMarketBuyCap(), 0);
    submit(b, b.isWaiting() ? b.triggeredMarketBuyCap() : NewOrder.NO_NOTIONAL_CAP, a.id);
    return List.of(a, b);
  }

  /**
   * A bracket is offered on buys (a sell bracket's children would need cash its owner may have
   * spent meanwhile): the stop below the entry (its limit, or the last price for a market entry),
   * the target above it, each price on the tick and in the band.
   */
  private @Nullable Refused bracketRefusal(
      Instrument instrument, OrderRequest request, BookCommand.Bracket bracket) {
    long entry =
        request.type() == OrderType.LIMIT ? request.priceCents() : lastOrReference(instrument);
    for (long price :
        new long[] {bracket.stopPriceCents(), bracket.targetCents(), bracket.stopLimitCents()}) {
      Refused refusal = price == 0 ? null : priceRefusal(instrument, price);
      if (refusal != null) {
        return refusal;
      }
    }
    if (bracket.stopPriceCents() >= entry) {
      return Refused.unprocessable(
          "bracket_stop_not_below_entry",
          "A buy bracket's stop ("
              + bracket.stopPriceCents()
              + ") must lie below its entry ("
              + entry
              + ")");
    }
    if (bracket.targetCents() <= entry) {
      return Refused.unprocessable(
          "bracket_target_not_above_entry",
          "A buy bracket's target ("
              + bracket.targetCents()
              + ") must lie above its entry ("
              + entry
              + ")");
    }
    return null;
  }

  /**
   * Puts the children of every bracket entry that ended having filled live, as a one-cancels-other
   * pair for the shares it bought (at most those still not on sale): a sell stop (a stop-limit when
   * it has a limit), then a sell limit at the target, GTC. A child whose trigger the price has
   * already reached fires at once. Children trading can end other entries; they go live in turn.
   */
  private List<OrderRow> placeDueBrackets() {
    List<OrderRow> placed = new ArrayList<>();
    while (!dueBrackets.isEmpty()) {
      OrderRow entry = dueBrackets.remove(0);
      Holding holding = state.holding(entry.userId);
      long quantity = Math.min(entry.filledQuantity, holding == null ? 0 : holding.available());
      if (quantity == 0) {
        continue;
      }
      boolean stopLimit = entry.bracketStopLimitCents > 0;
      OrderRequest stop =
          new OrderRequest(
              entry.userId,
              entry.symbol,
              Side.SELL,
              stopLimit ? OrderType.LIMIT : OrderType.MARKET,
              entry.bracketStopLimitCents,
              quantity,
              TimeInForce.GTC,
              null,
              null,
              null,
              Trigger.Kind.STOP,
              entry.bracketStopCents,
              0,
              0);
      OrderRequest target =
          new OrderRequest(
              entry.userId,
              entry.symbol,
              Side.SELL,
              OrderType.LIMIT,
              entry.bracketTargetCents,
              quantity,
              TimeInForce.GTC,
              null,
              null,
              null,
              null,
              0,
              0,
              0);
      placed.addAll(placePair(stop, target, entry.id));
    }
    return placed;
  }

  /**
   * When one leg of a pair is taken (it filled or fired) or ended, the engine cancels the other in
   * the same command. If the cancelled leg held the pair's escrow, it moves to the survivor before
   * the command's fills are settled (the survivor may be spending it in them). The trader's hold is
   * unchanged: both legs are the same trader's.
   */
  private void moveSplitEscrow(List<OrderState> states) {
    for (OrderState engineState : states) {
      if (engineState.reason() != StatusReason.ONE_CANCELS_OTHER) {
        continue;
      }
      OrderRow loser = state.open.get(engineState.orderId());
      if (loser == null || loser.linkedOrderId == 0) {
        continue;
      }
      OrderRow survivor = state.open.get(loser.linkedOrderId);
      loser.linkedOrderId = 0;
      if (survivor == null) {
        continue;
      }
      survivor.linkedOrderId = 0;
      if (!loser.escrowWithSibling) {
        survivor.lockedCents += loser.lockedCents;
        loser.lockedCents = 0;
        survivor.escrowWithSibling = false;
        loser.escrowWithSibling = true;
        changed(survivor);
        changed(loser);
      }
    }
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
    // a leg of a pair takes the other with it (one-cancels-other)
    applyStates(state.book.cancelGroup(request.orderId()));
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
      if (state.open.containsKey(row.id)) { // the other leg of a pair may have taken it already
        applyStates(state.book.expireGroup(row.id));
      }
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
    cancellingAll = true;
    for (OrderRow row : mine) {
      if (!state.open.containsKey(row.id)) {
        continue; // cancelled with the other leg of its pair, and listed there
      }
      List<OrderState> group = state.book.cancelGroup(row.id);
      applyStates(group);
      for (OrderState each : group) {
        OrderRow ended = changedOrders.get(each.orderId());
        if (ended == null) {
          ended = java.util.Objects.requireNonNull(newOrders.get(each.orderId()));
        }
        cancelled.add(ended.snapshot().toJson());
      }
    }
    cancellingAll = false;
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
    if (row.linkedOrderId != 0 || row.hasBracket()) {
      return Outcome.refused(
          Refused.unprocessable(
              "order_linked",
              "A leg of a one-cancels-other pair or a bracket entry cannot be amended; cancel it and place another"));
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
    if (holding != null) {
      holding.lockedShares += quantity - row.quantity;
      changedHoldings.add(holding);
    } else if (extraCash > 0) {
      state.hold(row, extraCash);
      spend(row.userId, extraCash);
    }
    row.priceCents = price;
    row.escrowPriceCents = escrowPrice;
    changed(row);
    AmendResult result = state.book.amend(row.id, price, quantity);
    OrderState amended = java.util.Objects.requireNonNull(result.order(), "an open order");
    row.sequence = amended.sequence();
    List<OrderState> touched = otherThan(result.touched(), row.id);
    moveSplitEscrow(touched);
    settle(result.fills());
    applyStates(touched);
    applyStates(List.of(amended));
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
      moveSplitEscrow(uncross.touched());
      settle(uncross.fills());
      applyStates(uncross.touched());
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
      applyStates(expired);
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
      // the buyer's cash pays what the order held for these shares: spendable stays as it was
      state.hold(buy, -(value + buyerFee));
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
   * Takes the engine's final states: an order that ended frees everything it still holds; an open
   * buy keeps only what its rest still needs.
   */
  private void applyStates(List<OrderState> states) {
    moveSplitEscrow(states);
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
        if (row.hasBracket() && row.filledQuantity > 0 && !cancellingAll) {
          dueBrackets.add(row);
        }
        if (row.isBuy()) {
          release(row, row.lockedCents);
        } else if (!row.escrowWithSibling) {
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
          release(row, row.lockedCents - required);
        }
      }
    }
  }

  /** Frees part of a buy's hold: no ledger movement, the cash never left the trader's account. */
  private void release(OrderRow row, long cents) {
    if (cents <= 0) {
      return;
    }
    state.hold(row, -cents);
    spendable.computeIfPresent(row.userId, (user, available) -> available + cents);
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
