package io.showfloor.commerce.payout;

/**
 * What the ledger says a payee is owed as a seller and as a creator, and how much of it is still on
 * hold. Plain rules, no I/O: what may be paid out now and which payable a payout draws from.
 */
public record Payables(Part seller, Part creator) {

  /**
   * One payable account: its balance (negative after a refund of money already paid out) and the
   * held part.
   */
  public record Part(long balanceCents, long pendingCents) {
    long available() {
      return Math.max(0, balanceCents - pendingCents);
    }
  }

  public long balanceCents() {
    return seller.balanceCents + creator.balanceCents;
  }

  public long pendingCents() {
    return seller.pendingCents + creator.pendingCents;
  }

  /**
   * Each payable's cleared money, but never more than the payee is owed overall: a seller payable
   * driven negative by a refund of paid-out money is settled from commissions first.
   */
  public long availableCents() {
    return Math.min(
        seller.available() + creator.available(), Math.max(0, balanceCents() - pendingCents()));
  }

  /**
   * How much of {@code amountCents} (at most {@link #availableCents()}) comes from the seller
   * payable; the rest from the creator one.
   */
  public long fromSeller(long amountCents) {
    if (amountCents > availableCents()) {
      throw new IllegalArgumentException("A payout is at most the available amount");
    }
    return Math.min(amountCents, seller.available());
  }
}
