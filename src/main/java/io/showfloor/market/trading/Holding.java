package io.showfloor.market.trading;

import java.math.BigInteger;

/**
 * One holder's shares of the instrument, average-cost accounting. The owner keeps every holding of
 * its instrument in memory: it is the only writer of them.
 */
final class Holding {
  final long userId;
  long shares;
  long lockedShares;
  long costBasisCents;
  long realizedPnlCents;

  Holding(long userId, long shares, long lockedShares, long costBasisCents, long realizedPnlCents) {
    this.userId = userId;
    this.shares = shares;
    this.lockedShares = lockedShares;
    this.costBasisCents = costBasisCents;
    this.realizedPnlCents = realizedPnlCents;
  }

  long available() {
    return shares - lockedShares;
  }

  void bought(long quantity, long costCents) {
    shares += quantity;
    costBasisCents += costCents;
  }

  /**
   * Sells locked shares: the cost basis leaves in proportion (rounded half up; all of it when the
   * last share goes) and the difference to the proceeds is realized. Returns the realized P&L.
   */
  long sold(long quantity, long proceedsCents) {
    long removed =
        quantity == shares ? costBasisCents : proportion(costBasisCents, quantity, shares);
    shares -= quantity;
    lockedShares -= quantity;
    costBasisCents -= removed;
    long realized = proceedsCents - removed;
    realizedPnlCents += realized;
    return realized;
  }

  /** {@code total x part / whole} rounded half up, exact even when the product exceeds a long. */
  static long proportion(long total, long part, long whole) {
    BigInteger[] qr =
        BigInteger.valueOf(total)
            .multiply(BigInteger.valueOf(part))
            .divideAndRemainder(BigInteger.valueOf(whole));
    long quotient = qr[0].longValueExact();
    return qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(whole)) >= 0 ? quotient + 1 : quotient;
  }
}
