package io.showfloor.commerce.order;

import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;

/** The ledger transactions of an order's life: paid, and each refund. */
public final class OrderLedger {
  private OrderLedger() {}

  /**
   * The buyer's payment split: the provider holds what the card paid and the platform covers the
   * points discount; the seller is owed items and shipping less the fee and commissions.
   */
  public static LedgerTransaction paid(Order order, String provider) {
    LedgerTransaction.Builder tx =
        LedgerTransaction.builder("order_payment", "order:" + order.id() + ":paid")
            .reference("order:" + order.id())
            .debit(LedgerAccount.providerClearing(provider), order.totalCents())
            .debit(LedgerAccount.loyaltyDiscounts(), order.discountCents())
            .credit(LedgerAccount.sellerPayable(order.sellerId()), order.sellerNetCents())
            .credit(LedgerAccount.platformFees(), order.feeCents());
    for (OrderLine line : order.lines()) {
      if (line.creatorId() != null) {
        tx.credit(LedgerAccount.creatorPayable(line.creatorId()), line.commissionCents());
      }
    }
    return tx.build();
  }

  /** One refund: the reverse of the paid split, in the proportions of {@link RefundReversal}. */
  public static LedgerTransaction refund(
      Order order, long refundId, RefundReversal reversal, String provider) {
    LedgerTransaction.Builder tx =
        LedgerTransaction.builder("refund", "refund:" + refundId)
            .reference("order:" + order.id())
            .credit(LedgerAccount.providerClearing(provider), reversal.cashCents())
            .credit(LedgerAccount.loyaltyDiscounts(), reversal.discountCents())
            .debit(LedgerAccount.sellerPayable(order.sellerId()), reversal.sellerCents())
            .debit(LedgerAccount.platformFees(), reversal.feeCents());
    for (OrderLine line : order.lines()) {
      Long commission = reversal.commissionCents().get(line.id());
      if (commission != null) {
        tx.debit(LedgerAccount.creatorPayable(line.creatorId()), commission);
      }
    }
    return tx.build();
  }

  /**
   * The part of a refund that goes back to the buyer's wallet (the order was paid partly from it):
   * out of the provider's clearing account, which the refund above credited with the whole amount,
   * so the card is refunded only the rest.
   */
  public static LedgerTransaction refundToWallet(
      Order order, long refundId, long walletCents, String provider) {
    return LedgerTransaction.builder("refund_to_wallet", "refund:" + refundId + ":wallet")
        .reference("order:" + order.id())
        .debit(LedgerAccount.providerClearing(provider), walletCents)
        .credit(LedgerAccount.userCash(order.buyerId()), walletCents)
        .build();
  }

  /** The order's split as a refund needs it. */
  public static RefundReversal.OrderSplit split(Order order) {
    java.util.Map<Long, Long> commissions = new java.util.LinkedHashMap<>();
    for (OrderLine line : order.lines()) {
      if (line.creatorId() != null) {
        commissions.put(line.id(), line.commissionCents());
      }
    }
    return new RefundReversal.OrderSplit(
        order.totalCents(),
        order.discountCents(),
        order.feeCents(),
        commissions,
        order.refundPostedCents());
  }
}
