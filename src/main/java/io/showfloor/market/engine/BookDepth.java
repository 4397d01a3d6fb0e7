package io.showfloor.market.engine;

import java.util.List;

/** The top levels of each side, best price first: the shape of {@code GET …/book}. */
public record BookDepth(List<DepthLevel> bids, List<DepthLevel> asks) {

  public BookDepth {
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
  }
}
