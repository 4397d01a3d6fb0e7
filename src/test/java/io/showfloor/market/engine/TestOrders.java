package io.showfloor.market.engine;

/** Owners and short names for the orders the engine tests write again and again. */
final class TestOrders {
  static final long ALICE = 1;
  static final long BOB = 2;
  static final long CAROL = 3;
  static final long DAVE = 4;
  static final long ERIN = 5;
  static final long FRANK = 6;

  private TestOrders() {}

  static NewOrder buy(long id, long owner, long priceCents, long quantity) {
    return NewOrder.limit(id, owner, Side.BUY, priceCents, quantity, TimeInForce.GTC);
  }

  static NewOrder sell(long id, long owner, long priceCents, long quantity) {
    return NewOrder.limit(id, owner, Side.SELL, priceCents, quantity, TimeInForce.GTC);
  }

  static NewOrder buy(
      long id, long owner, long priceCents, long quantity, TimeInForce timeInForce) {
    return NewOrder.limit(id, owner, Side.BUY, priceCents, quantity, timeInForce);
  }

  static NewOrder sell(
      long id, long owner, long priceCents, long quantity, TimeInForce timeInForce) {
    return NewOrder.limit(id, owner, Side.SELL, priceCents, quantity, timeInForce);
  }

  static NewOrder marketBuy(long id, long owner, long quantity) {
    return NewOrder.market(id, owner, Side.BUY, quantity, TimeInForce.GTC);
  }

  static NewOrder marketSell(long id, long owner, long quantity) {
    return NewOrder.market(id, owner, Side.SELL, quantity, TimeInForce.GTC);
  }

  /** A fill as the tests expect it, for comparing with {@code equals}. */
  static Fill fill(
      long buyId,
      long buyOwner,
      long sellId,
      long sellOwner,
      long priceCents,
      long quantity,
      Aggressor aggressor) {
    return new Fill(buyId, buyOwner, sellId, sellOwner, priceCents, quantity, aggressor);
  }
}
