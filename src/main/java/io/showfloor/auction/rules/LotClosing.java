package io.showfloor.auction.rules;

/** How an open lot ends when its deadline passes: {@link Sold} or {@link Unsold}. */
public sealed interface LotClosing permits LotClosing.Sold, LotClosing.Unsold {

  /** {@link LotStatus#SOLD} or {@link LotStatus#UNSOLD}, to write on the lot. */
  LotStatus status();

  /** The leader wins at the current price. */
  record Sold(long winnerId, long hammerPriceCents) implements LotClosing {
    @Override
    public LotStatus status() {
      return LotStatus.SOLD;
    }
  }

  record Unsold(Reason reason) implements LotClosing {
    @Override
    public LotStatus status() {
      return LotStatus.UNSOLD;
    }
  }

  enum Reason {
    NO_BIDS,
    RESERVE_NOT_MET
  }
}
