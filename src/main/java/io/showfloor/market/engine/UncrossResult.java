package io.showfloor.market.engine;

import java.util.List;

/**
 * What {@link OrderBook#uncross(long)} did.
 *
 * @param price the clearing price and how the rule chose it
 * @param fills every trade, all at {@code price.priceCents()}, in price-time priority
 * @param touched the final state of every order the uncross changed: filled, partly filled, and
 *     market orders cancelled because they were left unfilled
 */
public record UncrossResult(AuctionPrice price, List<Fill> fills, List<OrderState> touched) {

  public UncrossResult {
    fills = List.copyOf(fills);
    touched = List.copyOf(touched);
  }
}
