package io.showfloor.market.trading;

import io.showfloor.market.Instrument;
import io.showfloor.market.engine.AuctionPrice;
import io.showfloor.market.engine.BookDepth;
import io.showfloor.market.engine.DepthLevel;
import io.showfloor.market.engine.OrderBook;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the owner of one instrument holds in memory: the engine's book, the open orders behind
 * it, every holding of the instrument and the day's statistics. Rebuilt from PostgreSQL whenever
 * there is doubt (start, takeover, a failed commit).
 */
final class BookState {
  /** Depth kept for readers; the API serves at most this many levels. */
  static final int VIEW_LEVELS = 50;

  Instrument instrument;
  final OrderBook book = new OrderBook();
  final Map<Long, OrderRow> open = new HashMap<>();
  final Map<Long, Holding> holdings = new HashMap<>();

  /**
   * Cash each trader's open buys in this book hold (the sum of their {@code lockedCents}): a
   * reservation on the trader's cash, no ledger balance. Kept with every change of a lock and
   * rebuilt from the open orders on load.
   */
  final Map<Long, Long> heldCents = new HashMap<>();

  /** The trading day of the statistics below; MIN until the book is loaded. */
  LocalDate day = LocalDate.MIN;

  long dayVolume;
  @Nullable Long dayHighCents;
  @Nullable Long dayLowCents;

  BookState(Instrument instrument) {
    this.instrument = instrument;
  }

  @Nullable Holding holding(long userId) {
    return holdings.get(userId);
  }

  /** The holding of a user who must have one (a seller with shares on sale, a filled seller). */
  Holding holdingOf(long userId) {
    return java.util.Objects.requireNonNull(
        holdings.get(userId), "a seller holds the shares they sell");
  }

  /** What this book's open buys of {@code userId} hold. */
  long held(long userId) {
    return heldCents.getOrDefault(userId, 0L);
  }

  /** Moves {@code order}'s hold by {@code cents} (negative to free), and its trader's total. */
  void hold(OrderRow order, long cents) {
    if (cents == 0) {
      return;
    }
    order.lockedCents += cents;
    long total = heldCents.merge(order.userId, cents, Long::sum);
    if (total == 0) {
      heldCents.remove(order.userId);
    }
  }

  Holding holdingOrNew(long userId) {
    return holdings.computeIfAbsent(userId, id -> new Holding(id, 0, 0, 0, 0));
  }

  /** Starts a new day's statistics when the trading day has changed. */
  void rollDay(LocalDate today) {
    if (!today.equals(day)) {
      day = today;
      dayVolume = 0;
      dayHighCents = null;
      dayLowCents = null;
    }
  }

  void traded(long priceCents, long quantity) {
    dayVolume += quantity;
    dayHighCents = dayHighCents == null ? priceCents : Math.max(dayHighCents, priceCents);
    dayLowCents = dayLowCents == null ? priceCents : Math.min(dayLowCents, priceCents);
  }

  /** Depth and, while collecting for an auction, the indicative uncross: what GET …/book shows. */
  JsonObject bookJson(Instant now) {
    BookDepth depth = book.depth(VIEW_LEVELS);
    JsonObject json =
        new JsonObject()
            .put("symbol", instrument.symbol())
            .put("phase", instrument.phase().apiName())
            .put("bids", levels(depth.bids()))
            .put("asks", levels(depth.asks()))
            .put("serverTime", now.toString());
    if (instrument.collecting()) {
      AuctionPrice indicative = book.indicativeUncross(instrument.auctionReferenceCents());
      json.put(
          "indicative",
          new JsonObject()
              .put("priceCents", indicative.executes() ? indicative.priceCents() : null)
              .put("volume", indicative.volume())
              .put("imbalance", indicative.imbalance())
              .put("decision", indicative.decision().name().toLowerCase()));
    }
    return json;
  }

  JsonObject tickerJson(Instant now) {
    long reference = instrument.referencePriceCents();
    Long last = instrument.lastPriceCents();
    JsonObject json =
        new JsonObject()
            .put("symbol", instrument.symbol())
            .put("phase", instrument.phase().apiName())
            .put("lastPriceCents", last)
            .put("referencePriceCents", reference)
            .put(
                "bestBidCents",
                book.bestBidCents().isPresent() ? book.bestBidCents().getAsLong() : null)
            .put(
                "bestAskCents",
                book.bestAskCents().isPresent() ? book.bestAskCents().getAsLong() : null)
            .put("dayVolume", dayVolume)
            .put("dayHighCents", dayHighCents)
            .put("dayLowCents", dayLowCents)
            .put("serverTime", now.toString());
    if (last != null) {
      long change = last - reference;
      // change against the reference (the previous close), in basis points rounded toward zero
      long changeBps = change * 10_000 / reference;
      json.put("changeCents", change)
          .put("changeBps", changeBps)
          .put("changePercent", changeBps / 100.0);
    } else {
      json.put("changeCents", 0L).put("changeBps", 0L).put("changePercent", 0.0);
    }
    return json;
  }

  private static JsonArray levels(List<DepthLevel> levels) {
    JsonArray array = new JsonArray();
    for (DepthLevel level : levels) {
      array.add(
          new JsonObject()
              .put("priceCents", level.priceCents())
              .put("quantity", level.quantity())
              .put("orders", level.orders()));
    }
    return array;
  }
}
