package io.showfloor.ledger;

import org.jspecify.annotations.Nullable;

/**
 * An account of the ledger, named by a stable code. Accounts are created the first time a
 * transaction touches them, so callers only name them.
 */
public record LedgerAccount(String code, AccountKind kind, @Nullable Long ownerId) {
  public LedgerAccount {
    if (code == null || code.isBlank() || code.length() > 120) {
      throw new IllegalArgumentException("An account code is 1 to 120 characters");
    }
  }

  public static LedgerAccount userCash(long userId) {
    return new LedgerAccount("user:" + userId + ":cash", AccountKind.USER_CASH, userId);
  }

  public static LedgerAccount userEscrow(long userId) {
    return new LedgerAccount("user:" + userId + ":escrow", AccountKind.USER_ESCROW, userId);
  }

  public static LedgerAccount sellerPayable(long sellerId) {
    return new LedgerAccount(
        "seller:" + sellerId + ":payable", AccountKind.SELLER_PAYABLE, sellerId);
  }

  public static LedgerAccount creatorPayable(long creatorId) {
    return new LedgerAccount(
        "creator:" + creatorId + ":payable", AccountKind.CREATOR_PAYABLE, creatorId);
  }

  public static LedgerAccount platformFees() {
    return new LedgerAccount("platform:fees", AccountKind.PLATFORM_FEES, null);
  }

  public static LedgerAccount providerClearing(String provider) {
    return new LedgerAccount(
        "provider:" + provider + ":clearing", AccountKind.PROVIDER_CLEARING, null);
  }

  public static LedgerAccount loyaltyDiscounts() {
    return new LedgerAccount("platform:loyalty-discounts", AccountKind.LOYALTY_DISCOUNTS, null);
  }

  public static LedgerAccount unappliedPayments() {
    return new LedgerAccount("platform:unapplied-payments", AccountKind.UNAPPLIED_PAYMENTS, null);
  }

  /** A seller's money frozen while a card dispute on their order is open. */
  public static LedgerAccount sellerDisputeHold(long sellerId) {
    return new LedgerAccount(
        "seller:" + sellerId + ":dispute-hold", AccountKind.SELLER_DISPUTE_HOLD, sellerId);
  }

  public static LedgerAccount disputes(String provider) {
    return new LedgerAccount("provider:" + provider + ":disputes", AccountKind.DISPUTES, null);
  }

  /** What the platform still owes payees whose payouts are requested but not yet sent. */
  public static LedgerAccount payoutsInTransit() {
    return new LedgerAccount("platform:payouts-in-transit", AccountKind.PAYOUTS_IN_TRANSIT, null);
  }

  /** Real entry fees paid into a tournament, until its prizes are paid or the entries refunded. */
  public static LedgerAccount tournamentPrizePool(long tournamentId) {
    return new LedgerAccount(
        "tournament:" + tournamentId + ":prize-pool", AccountKind.TOURNAMENT_PRIZE_POOL, null);
  }

  /** A user's play-money cash in play pool {@code pool} (a tournament). */
  public static LedgerAccount playCash(long pool, long userId) {
    return new LedgerAccount(
        "play:" + pool + ":user:" + userId + ":cash", AccountKind.PLAY_CASH, userId);
  }

  /** A user's play money locked for open orders in play pool {@code pool}. */
  public static LedgerAccount playEscrow(long pool, long userId) {
    return new LedgerAccount(
        "play:" + pool + ":user:" + userId + ":escrow", AccountKind.PLAY_ESCROW, userId);
  }

  /** Where a play pool's money comes from. */
  public static LedgerAccount playIssued(long pool) {
    return new LedgerAccount("play:" + pool + ":issued", AccountKind.PLAY_ISSUED, null);
  }

  /** Trading fees charged in a play pool. */
  public static LedgerAccount playFees(long pool) {
    return new LedgerAccount("play:" + pool + ":fees", AccountKind.PLAY_FEES, null);
  }

  /** Subscription fees (Pro) the platform has been paid. */
  public static LedgerAccount subscriptionRevenue() {
    return new LedgerAccount(
        "platform:subscription-revenue", AccountKind.SUBSCRIPTION_REVENUE, null);
  }
}
