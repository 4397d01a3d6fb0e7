package io.showfloor.auction.rules;

/**
 * A bid as the bidder sent it. {@code maxAmountCents} is the most the bidder lets the proxy bid for
 * them; a bid sent without one has {@code maxAmountCents == amountCents}. Amounts are not checked
 * here: nonsense amounts are refused by {@link ProxyBidding} with a code.
 */
public record Bid(long bidderId, long amountCents, long maxAmountCents) {

  /** A bid of exactly {@code amountCents}, with no higher maximum. */
  public static Bid of(long bidderId, long amountCents) {
    return new Bid(bidderId, amountCents, amountCents);
  }

  /** A bid of {@code amountCents} that the proxy may raise up to {@code maxAmountCents}. */
  public static Bid upTo(long bidderId, long amountCents, long maxAmountCents) {
    return new Bid(bidderId, amountCents, maxAmountCents);
  }
}
