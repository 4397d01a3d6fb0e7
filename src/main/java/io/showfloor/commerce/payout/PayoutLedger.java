package io.showfloor.commerce.payout;

import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;

/** The ledger transactions of a payout's life. */
final class PayoutLedger {
  private PayoutLedger() {}

  /**
   * Requested: the money leaves the payables (so it cannot be requested twice) and waits in
   * transit.
   */
  static LedgerTransaction requested(Payout payout) {
    return LedgerTransaction.builder("payout_requested", "payout:" + payout.id() + ":requested")
        .reference("payout:" + payout.id())
        .debit(LedgerAccount.sellerPayable(payout.userId()), payout.sellerCents())
        .debit(LedgerAccount.creatorPayable(payout.userId()), payout.creatorCents())
        .credit(LedgerAccount.payoutsInTransit(), payout.amountCents())
        .build();
  }

  /** Paid: the provider sent it out of the platform's balance. */
  static LedgerTransaction paid(Payout payout) {
    return LedgerTransaction.builder("payout_paid", "payout:" + payout.id() + ":paid")
        .reference("payout:" + payout.id())
        .debit(LedgerAccount.payoutsInTransit(), payout.amountCents())
        .credit(LedgerAccount.providerClearing(payout.provider()), payout.amountCents())
        .build();
  }

  /** Rejected or refused by the provider: exactly what was taken goes back to each payable. */
  static LedgerTransaction reversed(Payout payout) {
    return LedgerTransaction.builder("payout_reversed", "payout:" + payout.id() + ":reversed")
        .reference("payout:" + payout.id())
        .debit(LedgerAccount.payoutsInTransit(), payout.amountCents())
        .credit(LedgerAccount.sellerPayable(payout.userId()), payout.sellerCents())
        .credit(LedgerAccount.creatorPayable(payout.userId()), payout.creatorCents())
        .build();
  }
}
