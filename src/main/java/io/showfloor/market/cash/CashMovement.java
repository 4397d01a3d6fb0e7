package io.showfloor.market.cash;

/**
 * One market cash movement; each becomes one balanced ledger transaction. Only fills move money:
 * placing, amending, cancelling or expiring an order changes what it holds, which is no movement.
 */
public sealed interface CashMovement {

  /** Unique per movement, so a movement can never be posted twice. */
  String key();

  /**
   * A fill: the buyer's cash pays the trade value (plus the buyer's fee when the buyer pays), the
   * seller receives the value minus the seller's fee, and the platform's market fees receive both
   * fees.
   */
  record Settlement(
      long tradeId,
      String symbol,
      long buyerId,
      long sellerId,
      long valueCents,
      long buyerFeeCents,
      long sellerFeeCents)
      implements CashMovement {
    public String key() {
      return "market:fill:" + tradeId;
    }
  }
}
