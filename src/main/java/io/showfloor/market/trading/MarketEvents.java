package io.showfloor.market.trading;

import io.showfloor.platform.events.EventPublisher;
import io.showfloor.platform.events.EventPublisher.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a book owner announces after each commit: on the public topic {@code market:<symbol>} the
 * trades, book and ticker changes and phase moves; on each trader's {@code me} topic their order
 * updates and fills. One batch's events go out together, and the next batch's only once those have
 * their sequence numbers, so a later book never carries a lower number than an earlier one. Best
 * effort: an event that cannot be published is logged, the trade stands.
 */
final class MarketEvents {
  private static final Logger LOG = LoggerFactory.getLogger(MarketEvents.class);
  private final EventPublisher publisher;
  private final String topic;
  private final List<Event> pending = new ArrayList<>();
  private Future<Void> previous = Future.succeededFuture();

  MarketEvents(EventPublisher publisher, String symbol) {
    this.publisher = publisher;
    this.topic = topic(symbol);
  }

  static String topic(String symbol) {
    return "market:" + symbol;
  }

  void ordersAndFills(
      List<TradeRow> trades, Collection<OrderRow> newOrders, Collection<OrderRow> changedOrders) {
    for (TradeRow trade : trades) {
      onTopic("trade", trade.toPublicJson());
      toUser(trade.buyerId, "fill", trade.fillFor(trade.buyOrderId));
      toUser(trade.sellerId, "fill", trade.fillFor(trade.sellOrderId));
    }
    newOrders.forEach(order -> toUser(order.userId, "order.update", order.toJson()));
    changedOrders.forEach(order -> toUser(order.userId, "order.update", order.toJson()));
  }

  void bookUpdate(JsonObject book) {
    onTopic("book.update", book);
  }

  void ticker(JsonObject ticker) {
    onTopic("ticker", ticker);
  }

  void phase(JsonObject instrument) {
    onTopic("phase", instrument);
  }

  private void onTopic(String type, JsonObject data) {
    pending.add(new Event(topic, type, data));
  }

  private void toUser(long userId, String type, JsonObject data) {
    pending.add(new Event(EventPublisher.userTopic(userId), type, data));
  }

  /**
   * Sends what this batch announced, after the previous batch's events: one sequence draw per topic
   * (the book's, each trader's) rather than one per event.
   */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Event> batch = new ArrayList<>(pending);
    pending.clear();
    previous =
        previous.transform(
            done ->
                publisher
                    .publishAll(batch)
                    .onFailure(
                        e ->
                            LOG.warn(
                                "Could not publish some of {} events of {}: {}",
                                batch.size(),
                                topic,
                                e.toString()))
                    .<Void>mapEmpty()
                    .otherwiseEmpty());
  }
}
