package io.showfloor.market.trading;

import io.showfloor.platform.events.EventPublisher;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a book owner announces after each commit: on the public topic {@code market:<symbol>} the
 * trades, book and ticker changes and phase moves; on each trader's {@code me} topic their order
 * updates and fills. Best effort: an event that cannot be published is logged, the trade stands.
 */
final class MarketEvents {
  private static final Logger LOG = LoggerFactory.getLogger(MarketEvents.class);
  private final EventPublisher publisher;
  private final String topic;

  MarketEvents(EventPublisher publisher, String symbol) {
    this.publisher = publisher;
    this.topic = topic(symbol);
  }

  static String topic(String symbol) {
    return "market:" + symbol;
  }

  void ordersAndFills(List<TradeRow> trades, Collection<OrderRow> newOrders, Collection<OrderRow> changedOrders) {
    for (TradeRow trade : trades) {
      publish(trade.toPublicJson(), "trade");
      toUser(trade.buyerId, "fill", trade.fillFor(trade.buyOrderId));
      toUser(trade.sellerId, "fill", trade.fillFor(trade.sellOrderId));
    }
    newOrders.forEach(order -> toUser(order.userId, "order.update", order.toJson()));
    changedOrders.forEach(order -> toUser(order.userId, "order.update", order.toJson()));
  }

  void bookUpdate(JsonObject book) {
    publish(book, "book.update");
  }

  void ticker(JsonObject ticker) {
    publish(ticker, "ticker");
  }

  void phase(JsonObject instrument) {
    publish(instrument, "phase");
  }

  private void publish(JsonObject data, String type) {
    publisher.publish(topic, type, data).onFailure(e -> LOG.warn("Could not publish {} on {}: {}", type, topic, e.toString()));
  }

  private void toUser(long userId, String type, JsonObject data) {
    publisher.toUser(userId, type, data).onFailure(e -> LOG.warn("Could not send {} to user {}: {}", type, userId, e.toString()));
  }
}
