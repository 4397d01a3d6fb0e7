package io.showfloor.commerce.order;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one refund of an order reverses in the ledger. The order was split, when paid, into {@code
 * paid} (what the buyer's card paid) plus {@code discount} (paid with loyalty points) on one side,
 * and seller + fee + commissions (= items + shipping) on the other. A refund of R cents to the card
 * gives back the points' share of the discount too, and takes the gross it covers back from the
 * seller, the platform fee and each creator, proportionally (see {@link Splits#reversedSoFar}). The
 * result balances exactly: cash + discount = seller + fee + commissions.
 *
 * @param cashCents refunded to the buyer's card (credit the provider clearing account)
 * @param discountCents loyalty discount given back (credit the discount expense)
 * @param feeCents platform fee reversed (debit fees)
 * @param commissionCents per order line id, commission reversed (debit that line's creator)
 * @param sellerCents taken back from the seller (debit seller payable)
 */
public record RefundReversal(
    long cashCents,
    long discountCents,
    long feeCents,
    Map<Long, Long> commissionCents,
    long sellerCents) {

  /** The order's split when paid, and what earlier refunds already reversed. */
  public record OrderSplit(
      long paidCents,
      long discountCents,
      long feeCents,
      Map<Long, Long> commissionByLine,
      long refundedBefore) {}

  public static RefundReversal of(OrderSplit order, long refundCents) {
    long before = order.refundedBefore();
    long after = before + refundCents;
    if (refundCents <= 0 || after > order.paidCents()) {
      throw new IllegalArgumentException(
          "refund of "
              + refundCents
              + " after "
              + before
              + " exceeds the "
              + order.paidCents()
              + " paid");
    }
    long gross = order.paidCents() + order.discountCents();
    long commissionTotal =
        order.commissionByLine().values().stream().mapToLong(Long::longValue).sum();
    // parts of the gross, seller first: [seller, fee, commission of each line …]
    long[] parts = new long[2 + order.commissionByLine().size()];
    parts[0] = gross - order.feeCents() - commissionTotal;
    parts[1] = order.feeCents();
    int i = 2;
    for (long commission : order.commissionByLine().values()) {
      parts[i++] = commission;
    }
    long grossBefore = grossReversed(order, before);
    long grossAfter = grossReversed(order, after);
    long[] sharesBefore = Splits.sharesOf(parts, grossBefore);
    long[] sharesAfter = Splits.sharesOf(parts, grossAfter);
    Map<Long, Long> commissions = new LinkedHashMap<>();
    i = 2;
    for (Long line : order.commissionByLine().keySet()) {
      commissions.put(line, sharesAfter[i] - sharesBefore[i]);
      i++;
    }
    return new RefundReversal(
        refundCents,
        (grossAfter - grossBefore) - refundCents,
        sharesAfter[1] - sharesBefore[1],
        commissions,
        sharesAfter[0] - sharesBefore[0]);
  }

  /**
   * Gross reversed once {@code refunded} cash is refunded: the cash plus the discount given back
   * with it.
   */
  private static long grossReversed(OrderSplit order, long refunded) {
    return refunded + Splits.reversedSoFar(order.discountCents(), refunded, order.paidCents());
  }
}
