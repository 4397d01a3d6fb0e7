package io.showfloor.market.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of random commands, auctions and day ends included, checked after every command against
 * bookkeeping kept outside the book.
 */
@DisplayName("The book under random commands")
class RandomizedBookTest {
  private static final int COMMANDS = 8_000;
  private static final int OWNERS = 6;
  private static final long MID = 1_000;

  private final Map<Long, NewOrder> submitted = new HashMap<>();
  private final Map<Long, OrderState> latest = new HashMap<>();
  private final Map<Long, OrderState> open = new HashMap<>();
  private final Map<Long, Long> filledByFills = new HashMap<>();
  private final List<Long> everSubmitted = new ArrayList<>();
  private long sharesBought;

  /** One-cancels-other pairs: each leg's id to the other's. */
  private final Map<Long, Long> pairOf = new HashMap<>();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 2024, 90_210})
  @DisplayName(
      "never overfills, conserves shares, trades within limits and is never crossed outside an auction")
  void invariantsHold(long seed) {
    Random random = new Random(seed);
    OrderBook book = new OrderBook();
    long nextId = 1;
    for (int step = 0; step < COMMANDS; step++) {
      int roll = random.nextInt(1_000);
      if (roll < 40) {
        submitPair(book, random, nextId);
        nextId += 2;
      } else if (roll < 600) {
        NewOrder order = randomOrder(book, random, nextId++);
        submitted.put(order.orderId(), order);
        everSubmitted.add(order.orderId());
        SubmitResult result = book.submit(order);
        checkPricesWorsenAsTheOrderWalks(result.fills());
        record(result.fills(), result.touched());
        record(List.of(), List.of(result.order()));
      } else if (roll < 800) {
        long id = anyId(random);
        record(List.of(), book.cancelGroup(id));
      } else if (roll < 880) {
        amendAny(book, random);
      } else if (roll < 950) {
        long id = anyId(random);
        OrderState before = latest.get(id);
        long newQuantity = before == null ? 1 : before.quantity() - random.nextInt(5) + 1;
        ReduceResult result = book.reduce(id, newQuantity);
        if (result.order() != null) {
          record(List.of(), List.of(result.order()));
        }
      } else if (roll < 955) {
        record(List.of(), book.expireDay());
      } else if (roll < 985) {
        if (book.mode() == BookMode.CALL_AUCTION && random.nextInt(3) == 0) {
          UncrossResult result = book.uncross(MID - 20 + random.nextInt(41));
          // stops the uncross price fires trade after it, as arriving orders of their own
          for (Fill fill :
              result.fills().stream().filter(f -> f.aggressor() == Aggressor.AUCTION).toList()) {
            assertEquals(
                result.price().priceCents(), fill.priceCents(), "one price for the whole uncross");
          }
          assertEquals(
              result.price().volume(),
              result.fills().stream()
                  .filter(f -> f.aggressor() == Aggressor.AUCTION)
                  .mapToLong(Fill::quantity)
                  .sum(),
              "the uncross trades its volume");
          record(result.fills(), result.touched());
        } else {
          book.enterCallAuction();
        }
      }
      if (book.mode() == BookMode.CONTINUOUS) {
        assertFalse(book.isCrossed(), "crossed after step " + step);
      }
      checkBookAgreesWithBookkeeping(book);
      checkPairs();
    }
    assertTrue(pairOf.size() > 100, "the run should place pairs");
    assertTrue(sharesBought > 0, "the run should trade");
    assertEquals(
        sharesBought,
        filledAcrossOrders(Side.BUY),
        "buy orders' filled shares equal the shares traded");
    assertEquals(
        sharesBought,
        filledAcrossOrders(Side.SELL),
        "sell orders' filled shares equal the shares traded");
  }

  private long filledAcrossOrders(Side side) {
    return latest.values().stream()
        .filter(state -> state.side() == side)
        .mapToLong(OrderState::filledQuantity)
        .sum();
  }

  /**
   * Price priority: an incoming order meets the best prices first. Stops fired by its trades walk
   * the book after it as orders of their own, so each aggressing order is checked on its own run.
   */
  private static void checkPricesWorsenAsTheOrderWalks(List<Fill> fills) {
    for (int i = 1; i < fills.size(); i++) {
      Fill before = fills.get(i - 1);
      Fill fill = fills.get(i);
      boolean buying = fill.aggressor() == Aggressor.BUYER;
      if (fill.aggressor() != before.aggressor()
          || aggressingOrder(fill) != aggressingOrder(before)) {
        continue;
      }
      long previous = before.priceCents();
      long current = fill.priceCents();
      assertTrue(
          buying ? current >= previous : current <= previous, "price priority broken: " + fills);
    }
  }

  private static long aggressingOrder(Fill fill) {
    return fill.aggressor() == Aggressor.BUYER ? fill.buyOrderId() : fill.sellOrderId();
  }

  /**
   * A one-cancels-other pair: a waiting trigger leg, then a limit or trigger leg linked to it, same
   * owner, side, quantity and time in force.
   */
  private void submitPair(OrderBook book, Random random, long id) {
    long owner = 1 + random.nextInt(OWNERS);
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    long quantity = 1 + random.nextInt(40);
    TimeInForce timeInForce = TimeInForce.values()[random.nextInt(2)];
    NewOrder first = waitingOrder(book, random, id, owner, side, quantity, timeInForce);
    NewOrder second =
        random.nextBoolean()
            ? waitingOrder(book, random, id + 1, owner, side, quantity, timeInForce)
            : NewOrder.limit(
                id + 1, owner, side, MID - 25 + random.nextInt(51), quantity, timeInForce);
    for (NewOrder leg : List.of(first, second)) {
      submitted.put(leg.orderId(), leg);
      everSubmitted.add(leg.orderId());
    }
    pairOf.put(first.orderId(), second.orderId());
    pairOf.put(second.orderId(), first.orderId());
    SubmitResult placed = book.submit(first);
    record(placed.fills(), placed.touched());
    record(List.of(), List.of(placed.order()));
    SubmitResult linked = book.submitLinked(second, first.orderId());
    checkPricesWorsenAsTheOrderWalks(linked.fills());
    record(linked.fills(), linked.touched());
    record(List.of(), List.of(linked.order()));
  }

  /** A stop, take-profit or trailing stop (by cents), market or limit once it fires. */
  private static NewOrder waitingOrder(
      OrderBook book,
      Random random,
      long id,
      long owner,
      Side side,
      long quantity,
      TimeInForce timeInForce) {
    long last = book.lastPriceCents() > 0 ? book.lastPriceCents() : MID;
    int kind = random.nextInt(3);
    Trigger trigger =
        kind == 2
            ? Trigger.trailing(side, last, 1 + random.nextInt(20), 0)
            : new Trigger(
                kind == 0 ? Trigger.Kind.STOP : Trigger.Kind.TAKE_PROFIT,
                MID - 25 + random.nextInt(51));
    boolean asLimit = kind != 2 && random.nextBoolean();
    return new NewOrder(
        id,
        owner,
        side,
        asLimit ? OrderType.LIMIT : OrderType.MARKET,
        asLimit ? MID - 25 + random.nextInt(51) : 0,
        quantity,
        timeInForce,
        NewOrder.NO_NOTIONAL_CAP,
        trigger);
  }

  /**
   * The legs of a pair share their shares: at most one of them ever trades, and once one has
   * traded, fired or ended (other than cancelled by its sibling) the other is no longer open.
   */
  private void checkPairs() {
    for (Map.Entry<Long, Long> pair : pairOf.entrySet()) {
      OrderState leg = latest.get(pair.getKey());
      OrderState other = latest.get(pair.getValue());
      if (leg == null || other == null) {
        continue;
      }
      assertFalse(
          leg.filledQuantity() > 0 && other.filledQuantity() > 0,
          "both legs of a pair traded: " + leg + " / " + other);
      boolean taken =
          leg.filledQuantity() > 0
              || (!leg.waiting()
                  && leg.status().isOpen()
                  && submitted.get(leg.orderId()).trigger() != null);
      boolean ended = !leg.status().isOpen() && leg.reason() != StatusReason.ONE_CANCELS_OTHER;
      if (taken || ended) {
        assertFalse(
            other.status().isOpen(),
            "a pair's leg stayed open after the other: " + leg + " / " + other);
      }
    }
  }

  private NewOrder randomOrder(OrderBook book, Random random, long id) {
    long owner = 1 + random.nextInt(OWNERS);
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    long quantity = 1 + random.nextInt(40);
    TimeInForce timeInForce =
        TimeInForce.values()[random.nextInt(10) < 6 ? random.nextInt(2) : 2 + random.nextInt(2)];
    if (random.nextInt(10) == 0) {
      if (side == Side.BUY && random.nextBoolean()) {
        return NewOrder.cappedMarketBuy(
            id, owner, quantity, timeInForce, 1 + random.nextInt(40_000));
      }
      return NewOrder.market(id, owner, side, quantity, timeInForce);
    }
    long price = MID - 25 + random.nextInt(51);
    if (random.nextInt(24) == 0 && timeInForce.rests()) {
      return waitingOrder(book, random, id, owner, side, quantity, timeInForce);
    }
    if (random.nextInt(24) == 0 && timeInForce.rests()) {
      // a stop or take-profit that waits off the book until a trade reaches it
      Trigger.Kind kind = random.nextBoolean() ? Trigger.Kind.STOP : Trigger.Kind.TAKE_PROFIT;
      boolean asLimit = random.nextBoolean();
      return new NewOrder(
          id,
          owner,
          side,
          asLimit ? OrderType.LIMIT : OrderType.MARKET,
          asLimit ? price : 0,
          quantity,
          timeInForce,
          NewOrder.NO_NOTIONAL_CAP,
          new Trigger(kind, MID - 25 + random.nextInt(51)));
    }
    return NewOrder.limit(id, owner, side, price, quantity, timeInForce);
  }

  /** A new price and/or quantity for an open order, as a trader's amend would send it. */
  private void amendAny(OrderBook book, Random random) {
    if (open.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>(open.keySet());
    OrderState before = open.get(ids.get(random.nextInt(ids.size())));
    if (before.waiting()) {
      assertEquals(AmendResult.Outcome.UNKNOWN_ORDER, book.amend(before.orderId(), 0, 1).outcome());
      return;
    }
    long price =
        before.type() == OrderType.MARKET || random.nextBoolean()
            ? before.priceCents()
            : MID - 25 + random.nextInt(51);
    long quantity = Math.max(1, before.quantity() - 3 + random.nextInt(7));
    AmendResult result = book.amend(before.orderId(), price, quantity);
    if (result.outcome() == AmendResult.Outcome.REQUEUED) {
      // the limit the fills are checked against is the new one (a refused amend changes nothing)
      NewOrder original = submitted.get(before.orderId());
      submitted.put(
          before.orderId(),
          new NewOrder(
              original.orderId(),
              original.ownerId(),
              original.side(),
              original.type(),
              price,
              original.quantity(),
              original.timeInForce(),
              original.maxNotionalCents()));
    }
    checkPricesWorsenAsTheOrderWalks(result.fills());
    record(result.fills(), result.touched());
    if (result.order() != null) {
      record(List.of(), List.of(result.order()));
    }
    if (result.outcome() == AmendResult.Outcome.REQUEUED) {
      assertTrue(result.order().sequence() > before.sequence(), "a requeued order goes last");
    }
  }

  private long anyId(Random random) {
    return everSubmitted.isEmpty() ? 1 : everSubmitted.get(random.nextInt(everSubmitted.size()));
  }

  private void record(List<Fill> fills, List<OrderState> states) {
    for (Fill fill : fills) {
      NewOrder buy = submitted.get(fill.buyOrderId());
      NewOrder sell = submitted.get(fill.sellOrderId());
      assertEquals(Side.BUY, buy.side());
      assertEquals(Side.SELL, sell.side());
      assertEquals(buy.ownerId(), fill.buyOwnerId());
      assertEquals(sell.ownerId(), fill.sellOwnerId());
      assertNotEquals(fill.buyOwnerId(), fill.sellOwnerId(), "self-trade " + fill);
      assertTrue(fill.quantity() > 0 && fill.priceCents() > 0, fill.toString());
      if (buy.type() == OrderType.LIMIT) {
        assertTrue(fill.priceCents() <= buy.priceCents(), "paid above the buy limit: " + fill);
      }
      if (sell.type() == OrderType.LIMIT) {
        assertTrue(fill.priceCents() >= sell.priceCents(), "sold below the sell limit: " + fill);
      }
      if (buy.maxNotionalCents() != NewOrder.NO_NOTIONAL_CAP) {
        assertTrue(
            spentBy(buy.orderId(), fills) <= buy.maxNotionalCents(),
            "spent above the cap: " + fill);
      }
      filledByFills.merge(fill.buyOrderId(), fill.quantity(), Long::sum);
      filledByFills.merge(fill.sellOrderId(), fill.quantity(), Long::sum);
      sharesBought += fill.quantity();
    }
    for (OrderState state : states) {
      latest.put(state.orderId(), state);
      if (state.status().isOpen()) {
        open.put(state.orderId(), state);
      } else {
        open.remove(state.orderId());
      }
      long filled = filledByFills.getOrDefault(state.orderId(), 0L);
      assertEquals(
          filled, state.filledQuantity(), "filled quantity disagrees with the fills: " + state);
      assertTrue(state.filledQuantity() <= state.quantity(), "overfilled: " + state);
      assertEquals(
          state.status() == OrderStatus.FILLED,
          state.filledQuantity() == state.quantity(),
          state.toString());
    }
  }

  private static long spentBy(long buyOrderId, List<Fill> fills) {
    return fills.stream()
        .filter(fill -> fill.buyOrderId() == buyOrderId)
        .mapToLong(Fill::valueCents)
        .sum();
  }

  /**
   * Every order the bookkeeping holds open is in the book with the same state, and nothing else.
   */
  private void checkBookAgreesWithBookkeeping(OrderBook book) {
    long openLimitShares = 0;
    for (OrderState state : open.values()) {
      assertEquals(state, book.order(state.orderId()).orElseThrow());
      if (state.type() == OrderType.LIMIT && !state.waiting()) {
        openLimitShares += state.openQuantity();
      }
    }
    assertEquals(open.size(), book.openOrderCount() + book.waitingOrderCount());
    BookDepth depth = book.depth(Integer.MAX_VALUE);
    long inDepth = 0;
    for (DepthLevel level : depth.bids()) {
      inDepth += level.quantity();
    }
    for (DepthLevel level : depth.asks()) {
      inDepth += level.quantity();
    }
    assertEquals(openLimitShares, inDepth, "the depth must add up to the open limit orders");
  }
}
