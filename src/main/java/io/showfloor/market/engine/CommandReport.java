package io.showfloor.market.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one command changed: its fills and the orders it touched, each order once and in
 * the order first reached. Lists are created only when needed: most commands just rest an order.
 */
final class CommandReport {
  private final long command;
  private List<Fill> fills = List.of();
  private List<BookOrder> touched = List.of();

  CommandReport(long command) {
    this.command = command;
  }

  void fill(Fill fill) {
    if (fills.isEmpty()) {
      fills = new ArrayList<>(4);
    }
    fills.add(fill);
  }

  void touched(BookOrder order) {
    if (order.reportedIn == command) {
      return;
    }
    order.reportedIn = command;
    if (touched.isEmpty()) {
      touched = new ArrayList<>(4);
    }
    touched.add(order);
  }

  /**
   * {@code fresh} stands for {@code old} from now on (a waiting order that went live is a new book
   * entry with the same id): if {@code old} was reported, its place in the list reports {@code
   * fresh}, so the command reports the order once, in its final state.
   */
  void replace(BookOrder old, BookOrder fresh) {
    if (old.reportedIn != command) {
      return;
    }
    touched.set(touched.indexOf(old), fresh);
    fresh.reportedIn = command;
  }

  List<Fill> fills() {
    return fills;
  }

  /** Final states, read at the end of the command so each reflects everything it did. */
  List<OrderState> touchedStates() {
    if (touched.isEmpty()) {
      return List.of();
    }
    List<OrderState> states = new ArrayList<>(touched.size());
    for (BookOrder order : touched) {
      states.add(order.state());
    }
    return states;
  }
}
