package io.showfloor.market.engine;

/**
 * The outcome of the call-auction price rule.
 *
 * @param priceCents the single price every uncross trade executes at; 0 when nothing executes
 * @param volume shares that execute at that price
 * @param imbalance demand minus supply at that price: positive is a buy surplus, negative a sell
 *     surplus; its absolute value is the surplus the rule minimises
 * @param decision which step of the rule settled the price
 */
public record AuctionPrice(long priceCents, long volume, long imbalance, Decision decision) {

  /** The steps of the rule in docs/API.md "Market", in the order they are tried. */
  public enum Decision {
    /** No buy and sell can trade at any price: nothing trades. */
    NOTHING_EXECUTES,
    /** Only market orders can execute: they trade at the reference price. */
    MARKET_ORDERS_ONLY,
    /** One candidate executes the most volume. */
    MOST_VOLUME,
    /** Among those, one leaves the least surplus. */
    LEAST_SURPLUS,
    /** The remaining candidates all have a buy surplus: the highest is taken. */
    BUY_PRESSURE,
    /** The remaining candidates all have a sell surplus: the lowest is taken. */
    SELL_PRESSURE,
    /** The reference price is itself one of the remaining candidates. */
    REFERENCE_PRICE,
    /** The candidate nearest to the reference price. */
    NEAREST_TO_REFERENCE,
    /** The reference lies exactly halfway between two candidates: the higher one. */
    HALFWAY_TAKES_HIGHER,
    /** The reference is above every remaining candidate: the highest. */
    REFERENCE_ABOVE_ALL,
    /** The reference is below every remaining candidate: the lowest. */
    REFERENCE_BELOW_ALL
  }

  static AuctionPrice nothing() {
    return new AuctionPrice(0, 0, 0, Decision.NOTHING_EXECUTES);
  }

  public boolean executes() {
    return volume > 0;
  }
}
