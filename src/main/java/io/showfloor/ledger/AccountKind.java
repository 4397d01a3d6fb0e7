package io.showfloor.ledger;

/**
 * What an account is for, which side increases it, and whether its balance may go below zero. A
 * user's cash and escrow are what the platform owes them (credit-normal) and are guarded: a
 * movement that would overdraw them fails with {@code insufficient_funds}.
 */
public enum AccountKind {
  /** A user's spendable wallet cash (a liability of the platform to the user). */
  USER_CASH(Side.CREDIT, true),
  /** Cash of a user locked for an open commitment (a resting market order, a pending purchase). */
  USER_ESCROW(Side.CREDIT, true),
  /**
   * What the platform owes a seller for sold goods and shipping; negative after a refund of
   * paid-out money.
   */
  SELLER_PAYABLE(Side.CREDIT, false),
  /** What the platform owes a creator in commissions. */
  CREATOR_PAYABLE(Side.CREDIT, false),
  /** The platform's fee revenue. */
  PLATFORM_FEES(Side.CREDIT, false),
  /** Money held for us by a payment provider (Stripe balance, or the sandbox's pretend one). */
  PROVIDER_CLEARING(Side.DEBIT, false),
  /** Discounts the platform grants (loyalty points redeemed at checkout): an expense. */
  LOYALTY_DISCOUNTS(Side.DEBIT, false),
  /**
   * Money received that no longer matches a sale (a payment that arrived after its order expired).
   */
  UNAPPLIED_PAYMENTS(Side.CREDIT, false),
  /** Money the provider withdrew for a disputed charge, until the dispute is decided. */
  DISPUTES(Side.DEBIT, false),
  /**
   * A seller's share of a disputed order, taken off their payable until the dispute closes (never
   * paid out).
   */
  SELLER_DISPUTE_HOLD(Side.CREDIT, false),
  /**
   * Payouts requested by sellers and creators, taken off their payables and not yet sent by the
   * provider.
   */
  PAYOUTS_IN_TRANSIT(Side.CREDIT, false),
  /** Real cash paid in tournament entry fees, held until the prizes are paid or it is refunded. */
  TOURNAMENT_PRIZE_POOL(Side.CREDIT, true),
  /** An entrant's play-money cash in one tournament (never convertible to real cash). */
  PLAY_CASH(Side.CREDIT, true),
  /** Play money locked for an entrant's open tournament buy orders. */
  PLAY_ESCROW(Side.CREDIT, true),
  /** The play money a tournament has issued: the other side of every starting balance. */
  PLAY_ISSUED(Side.DEBIT, false),
  /** Fees charged on a tournament's trades, in play money. */
  PLAY_FEES(Side.CREDIT, false),
  /** What subscribers paid for Pro, less refunds: revenue. */
  SUBSCRIPTION_REVENUE(Side.CREDIT, false);

  /** The side that increases an account. */
  public enum Side {
    DEBIT,
    CREDIT
  }

  private final Side normalSide;
  private final boolean guarded;

  AccountKind(Side normalSide, boolean guarded) {
    this.normalSide = normalSide;
    this.guarded = guarded;
  }

  public Side normalSide() {
    return normalSide;
  }

  public boolean guarded() {
    return guarded;
  }

  /**
   * Play money (tournaments): such accounts only ever trade with each other, so no transaction may
   * mix them with real ones ({@link LedgerTransaction} refuses it).
   */
  public boolean playMoney() {
    return this == PLAY_CASH || this == PLAY_ESCROW || this == PLAY_ISSUED || this == PLAY_FEES;
  }

  /** Converts a signed amount (debit positive) to this kind's normal direction. */
  public long inNormalDirection(long signedCents) {
    return normalSide == Side.DEBIT ? signedCents : -signedCents;
  }

  public String dbName() {
    return name().toLowerCase();
  }
}
