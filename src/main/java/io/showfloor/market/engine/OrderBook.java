package io.showfloor.market.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The order book of one instrument and its matching rules. Single-threaded by design: the
 * instrument's owner node feeds it one command at a time (see docs/ARCHITECTURE.md "Concurrency
 * across the cluster"), so it takes no locks. Every command returns exactly what it changed, for
 * the caller to persist.
 *
 * <p>In {@link BookMode#CONTINUOUS} mode an order matches on arrival by price-time priority at the
 * resting order's price, and the book is never left crossed. In {@link BookMode#CALL_AUCTION} mode
 * orders only rest (market orders too) until {@link #uncross(long)} executes them at one price.
 */
public final class OrderBook {
  private final BookSide bids = new BookSide(Side.BUY);
  private final BookSide asks = new BookSide(Side.SELL);
  private final OrderIndex open = new OrderIndex();

  /** Orders waiting for their trigger, off the book, in the order they arrived (a stable rule). */
  private final java.util.LinkedHashMap<Long, BookOrder> waiting = new java.util.LinkedHashMap<>();

  /** The price of the last trade, 0 before the first; triggers compare against it. */
  private long lastPriceCents;

  private BookMode mode = BookMode.CONTINUOUS;
  private long nextSequence = 1;
  private long commandCount;

  public BookMode mode() {
    return mode;
  }

  /** Starts collecting orders for a call auction; nothing matches until {@link #uncross(long)}. */
  public void enterCallAuction() {
    mode = BookMode.CALL_AUCTION;
  }

  /**
   * Accepts a new order. Continuous: matches it, then rests a GTC/DAY limit remainder; a market or
   * IOC remainder is cancelled; a FOK order that cannot fill completely is cancelled with nothing
   * changed. Call auction: rests it (IOC, FOK and capped market buys are rejected). Either way an
   * owner never trades with themself: the owner's resting orders that the new one would reach are
   * cancelled.
   *
   * @throws IllegalArgumentException if an open order already has this id
   */
  public SubmitResult submit(NewOrder order) {
    return submit(order, 0);
  }

  /**
   * Accepts a new order as the second leg of a one-cancels-other pair with {@code siblingId}, an
   * open or waiting order: from now on, the first of the two to fill (even partly) or whose trigger
   * fires cancels the other in the same command, before anything else happens in it; a cancel or an
   * expiry of one cancels the other too ({@link #cancelGroup}). If this order trades on arrival,
   * its sibling is cancelled at once. The pair's escrow is the caller's (it holds it once).
   *
   * @throws IllegalArgumentException if the sibling is not open or already linked
   */
  public SubmitResult submitLinked(NewOrder order, long siblingId) {
    BookOrder sibling = live(siblingId);
    if (sibling == null || sibling.linkedId != 0) {
      throw new IllegalArgumentException("order " + siblingId + " cannot take a linked order");
    }
    return submit(order, siblingId);
  }

  /**
   * Links two restored orders as a one-cancels-other pair again (a rebuild); see {@link
   * #submitLinked}.
   */
  public void link(long firstId, long secondId) {
    BookOrder first = live(firstId);
    BookOrder second = live(secondId);
    if (first == null || second == null || first == second) {
      throw new IllegalArgumentException("both orders of a pair must be open");
    }
    first.linkedId = secondId;
    second.linkedId = firstId;
  }

  private void link(BookOrder incoming, long siblingId) {
    BookOrder sibling = java.util.Objects.requireNonNull(live(siblingId));
    incoming.linkedId = siblingId;
    sibling.linkedId = incoming.id;
  }

  /** The open order (on the book or waiting for its trigger) with this id. */
  private @Nullable BookOrder live(long orderId) {
    BookOrder order = open.get(orderId);
    return order != null ? order : waiting.get(orderId);
  }

  /**
   * One-cancels-other: {@code order} filled, fired or ended, so its sibling (if it still has one)
   * leaves the book or the waiting list, cancelled. Returns the sibling, or null.
   */
  private @Nullable BookOrder cancelSibling(BookOrder order) {
    long siblingId = order.linkedId;
    if (siblingId == 0) {
      return null;
    }
    order.linkedId = 0;
    BookOrder sibling = waiting.remove(siblingId);
    if (sibling == null) {
      sibling = open.get(siblingId);
      if (sibling == null) {
        return null;
      }
      removeFromBook(sibling);
    }
    sibling.linkedId = 0;
    sibling.end(OrderStatus.CANCELLED, StatusReason.ONE_CANCELS_OTHER);
    return sibling;
  }

  private void cancelSibling(BookOrder order, CommandReport report) {
    BookOrder sibling = cancelSibling(order);
    if (sibling != null) {
      report.touched(sibling);
    }
  }

  private SubmitResult submit(NewOrder order, long siblingId) {
    requireNotOpen(order.orderId());
    BookOrder incoming = new BookOrder(order, nextSequence++, 0);
    if (siblingId != 0) {
      link(incoming, siblingId);
    }
    CommandReport report = new CommandReport(++commandCount);
    if (incoming.trigger != null) {
      // waits off the book; whether its trigger is on the right side is the caller's rule
      waiting.put(incoming.id, incoming);
      return new SubmitResult(incoming.state(), List.of(), List.of());
    }
    if (mode == BookMode.CALL_AUCTION) {
      collect(incoming, order.maxNotionalCents(), report);
    } else {
      match(incoming, order.maxNotionalCents(), report);
      fireTriggers(report);
    }
    return new SubmitResult(incoming.state(), report.fills(), report.touchedStates());
  }

  /**
   * Waiting orders go live once a trade reaches their trigger, within the command whose trade did
   * it, so their fills are part of it. Rule: after the command's own matching, at the last trade
   * price, the waiting orders whose trigger fires go live one at a time in the order they were
   * placed; each is matched as a new arrival (a stop-market or take-profit as a market order, a
   * stop-limit as a limit order), and its own trades move the last price, so the next one is looked
   * for at the new price, until none fires. Nothing fires while collecting for an auction; the
   * uncross's trades fire triggers once the book is continuous again.
   */
  private void fireTriggers(CommandReport report) {
    if (waiting.isEmpty() || lastPriceCents == 0 || mode != BookMode.CONTINUOUS) {
      return;
    }
    while (true) {
      BookOrder fired = null;
      for (BookOrder candidate : waiting.values()) {
        if (java.util.Objects.requireNonNull(candidate.trigger)
            .fires(candidate.side, lastPriceCents)) {
          fired = candidate;
          break;
        }
      }
      if (fired == null) {
        return;
      }
      waiting.remove(fired.id);
      // a leg that fires takes its pair: the other is gone before this one trades
      cancelSibling(fired, report);
      NewOrder live =
          new NewOrder(
              fired.id,
              fired.ownerId,
              fired.side,
              fired.type,
              fired.priceCents,
              fired.quantity,
              fired.timeInForce,
              fired.maxNotionalCents);
      BookOrder order = new BookOrder(live, nextSequence++, 0);
      // a trailing stop that moved earlier in this command was reported waiting: report it live
      report.replace(fired, order);
      match(order, fired.maxNotionalCents, report);
      report.touched(order);
    }
  }

  /**
   * Trailing stops follow every trade, not only the command's last one, so each tracks the best
   * price since it was placed; one that moved is reported (its new stop is stored and shown).
   */
  private void followTrades(long priceCents, CommandReport report) {
    for (BookOrder order : waiting.values()) {
      Trigger trigger = java.util.Objects.requireNonNull(order.trigger);
      Trigger moved = trigger.follow(order.side, priceCents);
      if (moved != trigger) {
        order.trigger = moved;
        report.touched(order);
      }
    }
  }

  /** The last trade price the triggers compare against (0 before the first trade). */
  public long lastPriceCents() {
    return lastPriceCents;
  }

  /** Sets the last trade price when the book is rebuilt, so triggers fire as before. */
  public void restoreLastPrice(long priceCents) {
    lastPriceCents = priceCents;
  }

  /**
   * Puts back an order that was waiting for its trigger. Call in ascending {@code sequence}
   * together with {@link #restore}: waiting orders go live in the order they were placed.
   */
  public OrderState restoreWaiting(NewOrder order, long sequence) {
    requireNotOpen(order.orderId());
    if (order.trigger() == null) {
      throw new IllegalArgumentException("order " + order.orderId() + " has no trigger");
    }
    if (sequence < nextSequence) {
      throw new IllegalArgumentException(
          "restore in ascending sequence; next is at least " + nextSequence);
    }
    BookOrder restored = new BookOrder(order, sequence, 0);
    waiting.put(restored.id, restored);
    nextSequence = sequence + 1;
    return restored.state();
  }

  public int waitingOrderCount() {
    return waiting.size();
  }

  /** Cancels an open order (and its linked sibling); empty when no open order has this id. */
  public Optional<OrderState> cancel(long orderId) {
    return cancelGroup(orderId).stream().findFirst();
  }

  /**
   * Cancels an open order and, when it is a leg of a one-cancels-other pair, the other leg: the
   * order's state first, then its sibling's (reason {@code ONE_CANCELS_OTHER}); empty when no open
   * order has this id.
   */
  public List<OrderState> cancelGroup(long orderId) {
    return endGroup(orderId, OrderStatus.CANCELLED, StatusReason.CANCELLED_ON_REQUEST);
  }

  /** Expires an open order and its linked sibling, as {@link #cancelGroup} cancels them. */
  public List<OrderState> expireGroup(long orderId) {
    return endGroup(orderId, OrderStatus.EXPIRED, StatusReason.EXPIRY_REACHED);
  }

  private List<OrderState> endGroup(long orderId, OrderStatus status, StatusReason reason) {
    BookOrder order = waiting.remove(orderId);
    if (order == null) {
      order = open.get(orderId);
      if (order == null) {
        return List.of();
      }
      removeFromBook(order);
    }
    order.end(status, reason);
    BookOrder sibling = cancelSibling(order);
    return sibling == null ? List.of(order.state()) : List.of(order.state(), sibling.state());
  }

  /**
   * Lowers an open order's total quantity (filled shares included, as in the API's {@code
   * quantity}) without losing its place in the queue. Only a reduction keeps priority fairly, so an
   * increase is refused.
   */
  public ReduceResult reduce(long orderId, long newQuantity) {
    BookOrder order = open.get(orderId);
    if (order == null) {
      return new ReduceResult(ReduceResult.Outcome.UNKNOWN_ORDER, null);
    }
    ReduceResult.Outcome outcome;
    if (newQuantity > order.quantity) {
      outcome = ReduceResult.Outcome.INCREASE_REFUSED;
    } else if (newQuantity <= order.filled) {
      outcome = ReduceResult.Outcome.NOT_ABOVE_FILLED;
    } else if (newQuantity == order.quantity) {
      outcome = ReduceResult.Outcome.UNCHANGED;
    } else {
      levelOf(order).shrink(order.quantity - newQuantity);
      order.quantity = newQuantity;
      outcome = ReduceResult.Outcome.REDUCED;
    }
    return new ReduceResult(outcome, order.state());
  }

  /**
   * Changes an open order's price and/or total quantity (filled shares included). Time priority is
   * kept only when nothing but the quantity goes down; a new price or a larger quantity sends the
   * order to the back of its level as if it had just arrived, so in continuous trading a new price
   * that crosses the book trades at once (self-trade prevention included), and while collecting it
   * only rests.
   *
   * @param newPriceCents the new limit; 0 for a market order (whose price cannot change)
   * @throws IllegalArgumentException if a market order is given a price or a limit order none
   */
  public AmendResult amend(long orderId, long newPriceCents, long newQuantity) {
    BookOrder order = open.get(orderId);
    if (order == null) {
      return AmendResult.of(AmendResult.Outcome.UNKNOWN_ORDER, null);
    }
    if ((order.type == OrderType.MARKET) != (newPriceCents == 0) || newPriceCents < 0) {
      throw new IllegalArgumentException(
          "order " + orderId + " (" + order.type + ") cannot take price " + newPriceCents);
    }
    if (newQuantity <= order.filled) {
      return AmendResult.of(AmendResult.Outcome.NOT_ABOVE_FILLED, order.state());
    }
    if (newPriceCents == order.priceCents && newQuantity <= order.quantity) {
      ReduceResult reduced = reduce(orderId, newQuantity);
      return AmendResult.of(
          reduced.changed() ? AmendResult.Outcome.REDUCED : AmendResult.Outcome.UNCHANGED,
          reduced.order());
    }
    removeFromBook(order);
    NewOrder replacement =
        new NewOrder(
            order.id,
            order.ownerId,
            order.side,
            order.type,
            newPriceCents,
            newQuantity,
            order.timeInForce,
            NewOrder.NO_NOTIONAL_CAP);
    BookOrder requeued = new BookOrder(replacement, nextSequence++, order.filled);
    requeued.linkedId = order.linkedId;
    requeued.status = order.filled > 0 ? OrderStatus.PARTIAL : OrderStatus.ACTIVE;
    CommandReport report = new CommandReport(++commandCount);
    if (mode == BookMode.CALL_AUCTION) {
      collect(requeued, NewOrder.NO_NOTIONAL_CAP, report);
    } else {
      match(requeued, NewOrder.NO_NOTIONAL_CAP, report);
      fireTriggers(report);
    }
    return new AmendResult(
        AmendResult.Outcome.REQUEUED, requeued.state(), report.fills(), report.touchedStates());
  }

  /**
   * Expires an open order whose time is up (a good-till-date order; its owner keeps the clock);
   * empty when no open order has this id.
   */
  public Optional<OrderState> expire(long orderId) {
    return expireGroup(orderId).stream().findFirst();
  }

  /** Ends the trading day: expires every open DAY order and returns them. */
  public List<OrderState> expireDay() {
    List<OrderState> expired = new ArrayList<>();
    for (BookSide side : List.of(bids, asks)) {
      for (BookOrder order : openOrders(side, order -> order.timeInForce == TimeInForce.DAY)) {
        if (open.get(order.id) != order) {
          continue; // the sibling of a pair expired earlier in this loop
        }
        removeFromBook(order);
        order.end(OrderStatus.EXPIRED, StatusReason.DAY_ENDED);
        BookOrder sibling = cancelSibling(order);
        if (sibling != null) {
          expired.add(sibling.state());
        }
        expired.add(order.state());
      }
    }
    for (BookOrder order : List.copyOf(waiting.values())) {
      if (order.timeInForce == TimeInForce.DAY && waiting.remove(order.id) != null) {
        order.end(OrderStatus.EXPIRED, StatusReason.DAY_ENDED);
        expired.add(order.state());
        BookOrder sibling = cancelSibling(order);
        if (sibling != null) {
          expired.add(sibling.state());
        }
      }
    }
    return expired;
  }

  /**
   * What {@link #uncross(long)} would do now: the indicative auction price and volume to show while
   * orders are being collected.
   */
  public AuctionPrice indicativeUncross(long referencePriceCents) {
    CallAuctionPrice rule = new CallAuctionPrice();
    for (int rank = 0; rank < bids.levelCount(); rank++) {
      rule.buy(bids.level(rank).priceCents, bids.level(rank).openQuantity);
    }
    for (int rank = 0; rank < asks.levelCount(); rank++) {
      rule.sell(asks.level(rank).priceCents, asks.level(rank).openQuantity);
    }
    if (bids.marketOrders.openQuantity > 0) {
      rule.marketBuy(bids.marketOrders.openQuantity);
    }
    if (asks.marketOrders.openQuantity > 0) {
      rule.marketSell(asks.marketOrders.openQuantity);
    }
    return rule.clearingPrice(referencePriceCents);
  }

  /**
   * Ends the call auction: executes every crossing order at the single clearing price, buyers and
   * sellers each in price then time priority; market orders left unfilled are cancelled and limit
   * remainders rest. The book is then uncrossed and returns to continuous mode.
   *
   * @param referencePriceCents decides the price in the rule's last steps (usually the last price)
   * @throws IllegalStateException outside call-auction mode
   */
  public UncrossResult uncross(long referencePriceCents) {
    if (mode != BookMode.CALL_AUCTION) {
      throw new IllegalStateException("uncross needs call-auction mode, the book is " + mode);
    }
    AuctionPrice price = indicativeUncross(referencePriceCents);
    CommandReport report = new CommandReport(++commandCount);
    long remaining = price.volume();
    while (remaining > 0) {
      BookOrder buy = bids.front();
      BookOrder sell = asks.front();
      if (buy == null
          || sell == null
          || !buy.accepts(price.priceCents())
          || !sell.accepts(price.priceCents())) {
        throw new IllegalStateException("auction volume " + price.volume() + " is not executable");
      }
      long shares = Math.min(remaining, Math.min(buy.open(), sell.open()));
      trade(buy, sell, price.priceCents(), shares, Aggressor.AUCTION, report);
      remaining -= shares;
    }
    cancelMarketOrders(bids, report);
    cancelMarketOrders(asks, report);
    mode = BookMode.CONTINUOUS;
    fireTriggers(report);
    return new UncrossResult(price, report.fills(), report.touchedStates());
  }

  /**
   * Puts back an open order saved earlier, e.g. when a node takes over the instrument and rebuilds
   * the book from the database. Call in ascending {@code sequence}; later orders get higher ones.
   *
   * @throws IllegalStateException if the order would leave a continuous book crossed
   */
  public OrderState restore(NewOrder order, long filledQuantity, long sequence) {
    requireNotOpen(order.orderId());
    if (order.timeInForce() == TimeInForce.IOC
        || order.timeInForce() == TimeInForce.FOK
        || order.maxNotionalCents() != NewOrder.NO_NOTIONAL_CAP) {
      throw new IllegalArgumentException("IOC, FOK and capped market orders never rest");
    }
    if (filledQuantity < 0 || filledQuantity >= order.quantity()) {
      throw new IllegalArgumentException(
          "filled quantity must leave shares open: " + filledQuantity);
    }
    if (sequence < nextSequence) {
      throw new IllegalArgumentException(
          "restore in ascending sequence; next is at least " + nextSequence);
    }
    BookOrder restored = new BookOrder(order, sequence, filledQuantity);
    if (mode == BookMode.CONTINUOUS) {
      BookOrder facing = opposite(restored.side).front();
      if (restored.type == OrderType.MARKET
          || (facing != null && restored.accepts(facing.priceCents))) {
        throw new IllegalStateException(
            "order " + order.orderId() + " would cross a continuous book");
      }
    }
    restored.status = filledQuantity > 0 ? OrderStatus.PARTIAL : OrderStatus.ACTIVE;
    rest(restored);
    nextSequence = sequence + 1;
    return restored.state();
  }

  /** The order's current state while it is open; empty once it has ended. */
  public Optional<OrderState> order(long orderId) {
    BookOrder order = open.get(orderId);
    if (order == null) {
      order = waiting.get(orderId);
    }
    return order == null ? Optional.empty() : Optional.of(order.state());
  }

  public int openOrderCount() {
    return open.size();
  }

  public OptionalLong bestBidCents() {
    PriceLevel best = bids.best();
    return best == null ? OptionalLong.empty() : OptionalLong.of(best.priceCents);
  }

  public OptionalLong bestAskCents() {
    PriceLevel best = asks.best();
    return best == null ? OptionalLong.empty() : OptionalLong.of(best.priceCents);
  }

  /** Whether the best bid reaches the best ask: allowed only while collecting for an auction. */
  public boolean isCrossed() {
    PriceLevel bid = bids.best();
    PriceLevel ask = asks.best();
    return bid != null && ask != null && bid.priceCents >= ask.priceCents;
  }

  /**
   * The top {@code levels} limit price levels of each side, best first. Market orders collected for
   * an auction have no price and are not shown; {@link #indicativeUncross(long)} covers them.
   */
  public BookDepth depth(int levels) {
    if (levels < 0) {
      throw new IllegalArgumentException("levels cannot be negative: " + levels);
    }
    return new BookDepth(topLevels(bids, levels), topLevels(asks, levels));
  }

  private void requireNotOpen(long orderId) {
    if (open.get(orderId) != null || waiting.containsKey(orderId)) {
      throw new IllegalArgumentException("order " + orderId + " is already open");
    }
  }

  private static List<DepthLevel> topLevels(BookSide side, int levels) {
    int count = Math.min(levels, side.levelCount());
    List<DepthLevel> top = new ArrayList<>(count);
    for (int rank = 0; rank < count; rank++) {
      PriceLevel level = side.level(rank);
      top.add(new DepthLevel(level.priceCents, level.openQuantity, level.orderCount));
    }
    return top;
  }

  private void match(BookOrder incoming, long maxNotionalCents, CommandReport report) {
    if (incoming.timeInForce == TimeInForce.FOK
        && fillableShares(incoming, maxNotionalCents) < incoming.quantity) {
      incoming.end(OrderStatus.CANCELLED, StatusReason.FILL_OR_KILL_UNFILLABLE);
      return;
    }
    BookSide opposite = opposite(incoming.side);
    Aggressor aggressor = incoming.isBuy() ? Aggressor.BUYER : Aggressor.SELLER;
    long budget = maxNotionalCents;
    boolean capReached = false;
    while (incoming.open() > 0) {
      BookOrder resting = opposite.front();
      if (resting == null || !incoming.accepts(resting.priceCents)) {
        break;
      }
      if (resting.ownerId == incoming.ownerId) {
        cancelForSelfTrade(resting, report);
        continue;
      }
      long wanted = Math.min(incoming.open(), resting.open());
      long shares = withinBudget(wanted, budget, resting.priceCents);
      capReached = shares < wanted;
      if (shares == 0) {
        break;
      }
      budget = spend(budget, shares, resting.priceCents);
      if (incoming.isBuy()) {
        trade(incoming, resting, resting.priceCents, shares, aggressor, report);
      } else {
        trade(resting, incoming, resting.priceCents, shares, aggressor, report);
      }
      if (capReached) {
        break;
      }
    }
    settleRemainder(incoming, capReached);
  }

  /** After matching: rest a GTC/DAY/GTD limit remainder, cancel any other. */
  private void settleRemainder(BookOrder incoming, boolean capReached) {
    if (incoming.open() == 0) {
      return;
    }
    if (incoming.type == OrderType.LIMIT && incoming.timeInForce.rests()) {
      rest(incoming);
      return;
    }
    incoming.end(
        OrderStatus.CANCELLED,
        capReached ? StatusReason.NOTIONAL_CAP_REACHED : StatusReason.UNFILLED_REMAINDER);
  }

  /**
   * How many shares the incoming order could fill right now, without changing anything. Skips the
   * owner's own orders (they would be cancelled, not traded) and respects a notional cap.
   */
  private long fillableShares(BookOrder incoming, long maxNotionalCents) {
    BookSide opposite = opposite(incoming.side);
    long needed = incoming.quantity;
    long budget = maxNotionalCents;
    for (int rank = 0; rank < opposite.levelCount() && needed > 0; rank++) {
      PriceLevel level = opposite.level(rank);
      if (!incoming.accepts(level.priceCents)) {
        break;
      }
      for (BookOrder resting = level.head; resting != null && needed > 0; resting = resting.next) {
        if (resting.ownerId == incoming.ownerId) {
          continue;
        }
        long shares = withinBudget(Math.min(needed, resting.open()), budget, level.priceCents);
        if (shares == 0) {
          return incoming.quantity - needed;
        }
        budget = spend(budget, shares, level.priceCents);
        needed -= shares;
      }
    }
    return incoming.quantity - needed;
  }

  /** How many of {@code shares} a capped market buy can still pay for at {@code priceCents}. */
  private static long withinBudget(long shares, long budget, long priceCents) {
    return budget == NewOrder.NO_NOTIONAL_CAP ? shares : Math.min(shares, budget / priceCents);
  }

  private static long spend(long budget, long shares, long priceCents) {
    return budget == NewOrder.NO_NOTIONAL_CAP ? budget : budget - shares * priceCents;
  }

  /** Auction mode: rest the order, after cancelling the owner's own orders it would cross. */
  private void collect(BookOrder incoming, long maxNotionalCents, CommandReport report) {
    // IOC and FOK mean "now"; a cash cap cannot be honoured before the clearing price is known
    if (incoming.timeInForce == TimeInForce.IOC
        || incoming.timeInForce == TimeInForce.FOK
        || maxNotionalCents != NewOrder.NO_NOTIONAL_CAP) {
      incoming.end(OrderStatus.REJECTED, StatusReason.NOT_ALLOWED_IN_AUCTION);
      return;
    }
    // with no owner holding a crossing buy and sell, the uncross can never pair an owner with
    // themself, so one price still clears the whole book
    List<BookOrder> own =
        openOrders(
            opposite(incoming.side),
            resting ->
                resting.ownerId == incoming.ownerId
                    && (resting.type == OrderType.MARKET || incoming.accepts(resting.priceCents)));
    own.forEach(resting -> cancelForSelfTrade(resting, report));
    rest(incoming);
  }

  private void trade(
      BookOrder buy,
      BookOrder sell,
      long priceCents,
      long shares,
      Aggressor aggressor,
      CommandReport report) {
    report.fill(
        new Fill(buy.id, buy.ownerId, sell.id, sell.ownerId, priceCents, shares, aggressor));
    lastPriceCents = priceCents;
    if (!waiting.isEmpty()) {
      followTrades(priceCents, report);
    }
    executeShares(buy, shares, report);
    executeShares(sell, shares, report);
  }

  private void executeShares(BookOrder order, long shares, CommandReport report) {
    cancelSibling(order, report);
    if (order.level != null) {
      order.level.shrink(shares);
      order.fill(shares);
      report.touched(order);
      if (order.open() == 0) {
        removeFromBook(order);
      }
    } else {
      order.fill(shares);
    }
  }

  private void cancelForSelfTrade(BookOrder resting, CommandReport report) {
    removeFromBook(resting);
    resting.end(OrderStatus.CANCELLED, StatusReason.SELF_TRADE_PREVENTION);
    report.touched(resting);
    cancelSibling(resting, report);
  }

  private void cancelMarketOrders(BookSide side, CommandReport report) {
    while (side.marketOrders.head != null) {
      BookOrder order = side.marketOrders.head;
      removeFromBook(order);
      order.end(OrderStatus.CANCELLED, StatusReason.UNFILLED_AT_UNCROSS);
      report.touched(order);
    }
  }

  private void rest(BookOrder order) {
    BookSide side = order.isBuy() ? bids : asks;
    PriceLevel level =
        order.type == OrderType.MARKET ? side.marketOrders : side.levelAt(order.priceCents);
    level.append(order);
    open.put(order);
  }

  private void removeFromBook(BookOrder order) {
    PriceLevel level = levelOf(order);
    level.unlink(order);
    (order.isBuy() ? bids : asks).removeIfEmpty(level);
    open.remove(order.id);
  }

  /** Every open order sits on a level (a price, or its side's collected market orders). */
  private static PriceLevel levelOf(BookOrder order) {
    return java.util.Objects.requireNonNull(order.level, "an open order sits on a level");
  }

  private BookSide opposite(Side side) {
    return side == Side.BUY ? asks : bids;
  }

  /**
   * The side's open orders that match {@code which}, in priority order; a full scan, kept off the
   * hot path.
   */
  private static List<BookOrder> openOrders(BookSide side, Predicate<BookOrder> which) {
    List<BookOrder> found = new ArrayList<>();
    for (BookOrder order = side.marketOrders.head; order != null; order = order.next) {
      if (which.test(order)) {
        found.add(order);
      }
    }
    for (int rank = 0; rank < side.levelCount(); rank++) {
      for (BookOrder order = side.level(rank).head; order != null; order = order.next) {
        if (which.test(order)) {
          found.add(order);
        }
      }
    }
    return found;
  }
}
