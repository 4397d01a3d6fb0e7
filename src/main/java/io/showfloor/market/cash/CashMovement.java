package io.showfloor.market.cash;

/** One market cash movement; each becomes one balanced ledger transaction. */
public sealed interface CashMovement {

  /** Unique per movement, so a movement can never be posted twice. */
  String key();

  /**
   * A buy order locks cash: spendable cash to the user's market escrow. {@code occasion} is empty
   * for the order's first lock and names any later one ({@code amend:<n>}, an amend that needs
   * more).
   */
  record EscrowLock(long userId, long orderId, long cents, String occasion)
      implements CashMovement {
    public EscrowLock(long userId, long orderId, long cents) {
      this(userId, orderId, cents, "");
    }

    public String key() {
      return "market:lock:order:" + orderId + (occasion.isEmpty() ? "" : ":" + occasion);
    }
  }

  /**
   * Escrow no longer needed goes back to spendable cash. {@code occasion} tells releases of one
   * order apart: {@code end}, {@code filled:<n>} (after fills below the limit), {@code
   * quantity:<n>}, {@code amend:<n>}.
   */
  record EscrowRelease(long userId, long orderId, long cents, String occasion)
      implements CashMovement {
    public String key() {
      return "market:release:order:" + orderId + ":" + occasion;
    }
  }

  /**
   * A fill: the buyer's escrow pays the trade value (plus the buyer's fee when the buyer pays), the
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
