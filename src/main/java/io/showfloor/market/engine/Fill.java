package io.showfloor.market.engine;

/**
 * One trade between a buy order and a sell order. Fees are not the engine's business: the service
 * prices them with {@link TradeFee}.
 */
public record Fill(
    long buyOrderId,
    long buyOwnerId,
    long sellOrderId,
    long sellOwnerId,
    long priceCents,
    long quantity,
    Aggressor aggressor) {

  /** price x quantity; fits in a long because every resting order's notional does. */
  public long valueCents() {
    return Math.multiplyExact(priceCents, quantity);
  }
}
