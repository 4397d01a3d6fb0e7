package io.showfloor.commerce.wallet;

import io.showfloor.ledger.LedgerAccount;
import io.showfloor.ledger.LedgerTransaction;

/**
 * The ledger transactions of a withdrawal's life (keys {@code withdrawal:<id>:<step>}, so each
 * posts once).
 */
final class WithdrawalLedger {
  private WithdrawalLedger() {}

  /**
   * Requested: the cash leaves the wallet (a guarded account: it cannot go below zero) and waits in
   * transit.
   */
  static LedgerTransaction requested(Withdrawal w) {
    return LedgerTransaction.builder("withdrawal_requested", "withdrawal:" + w.id() + ":requested")
        .reference("withdrawal:" + w.id())
        .debit(LedgerAccount.userCash(w.userId()), w.amountCents())
        .credit(LedgerAccount.payoutsInTransit(), w.amountCents())
        .build();
  }

  /** Paid: the provider sent it out of the platform's balance. */
  static LedgerTransaction paid(Withdrawal w) {
    return LedgerTransaction.builder("withdrawal_paid", "withdrawal:" + w.id() + ":paid")
        .reference("withdrawal:" + w.id())
        .debit(LedgerAccount.payoutsInTransit(), w.amountCents())
        .credit(LedgerAccount.providerClearing(w.provider()), w.amountCents())
        .build();
  }

  /** Refused by the provider: the money goes back to the wallet. */
  static LedgerTransaction reversed(Withdrawal w) {
    return LedgerTransaction.builder("withdrawal_reversed", "withdrawal:" + w.id() + ":reversed")
        .reference("withdrawal:" + w.id())
        .debit(LedgerAccount.payoutsInTransit(), w.amountCents())
        .credit(LedgerAccount.userCash(w.userId()), w.amountCents())
        .build();
  }
}
