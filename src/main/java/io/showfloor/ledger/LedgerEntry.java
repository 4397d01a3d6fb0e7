package io.showfloor.ledger;

/** One side of a movement: a signed amount on one account (debit positive, credit negative). */
public record LedgerEntry(LedgerAccount account, long amountCents) {
  public LedgerEntry {
    if (account == null) {
      throw new IllegalArgumentException("An entry needs an account");
    }
    if (amountCents == 0) {
      throw new IllegalArgumentException("An entry moves a non-zero amount");
    }
  }

  public boolean isDebit() {
    return amountCents > 0;
  }
}
