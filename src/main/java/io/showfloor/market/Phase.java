package io.showfloor.market;

/** A trading phase of an instrument, as the API names it. */
public enum Phase {
  /** Orders are collected for the opening auction; nothing matches. */
  PRE_OPEN,
  /** The opening call auction: orders are collected and an indicative price is shown. */
  OPENING_AUCTION,
  /** Orders match on arrival by price-time priority. */
  CONTINUOUS,
  /** The closing call auction. */
  CLOSING_AUCTION,
  /** No new orders; open GTC orders wait for the next day, DAY orders have expired. */
  CLOSED,
  /** Stopped by an admin: no new orders; cancels and reductions still work. */
  HALTED;

  public String apiName() {
    return name().toLowerCase();
  }

  public static Phase parse(String value) {
    for (Phase phase : values()) {
      if (phase.apiName().equals(value)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("Unknown phase " + value);
  }

  /** Phases in which the book collects orders for a call auction. */
  public boolean collects() {
    return this == PRE_OPEN || this == OPENING_AUCTION || this == CLOSING_AUCTION;
  }

  /** Phases in which new orders are accepted. */
  public boolean acceptsOrders() {
    return this != CLOSED && this != HALTED;
  }
}
