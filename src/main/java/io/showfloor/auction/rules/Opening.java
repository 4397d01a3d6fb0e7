package io.showfloor.auction.rules;

import java.util.List;

/**
 * A lot as it opens, after its pre-bids were resolved.
 *
 * @param lot the open lot
 * @param preBidOutcomes one outcome per pre-bid, in the order given
 */
public record Opening(LotState lot, List<BidOutcome> preBidOutcomes) {

  public Opening {
    preBidOutcomes = List.copyOf(preBidOutcomes);
  }
}
