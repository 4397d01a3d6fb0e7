/**
 * The bidding rules of a live auction, as plain Java: no Vert.x, no I/O, no clock of their own. The
 * auction service loads a {@link io.showfloor.auction.rules.LotState} under a row lock, asks {@link
 * io.showfloor.auction.rules.ProxyBidding} what a bid, buy-now, opening or closing does, and writes
 * the returned state in the same transaction.
 *
 * <p>Choices made where docs/API.md "Live auctions" is silent:
 *
 * <ul>
 *   <li>A bid is checked in this order: {@code invalid_amount} (amount not positive, or maximum
 *       below amount), then the lot ({@code lot_not_open} for queued or cancelled, {@code
 *       lot_closed} for sold, unsold, or at/after {@code endsAt}), then {@code own_lot} (seller or
 *       host), then {@code bid_too_low}, then {@code already_leading}.
 *   <li>The leader may raise their maximum with a bid that meets the minimum next bid; a bid from
 *       the leader that does not raise their maximum is refused {@code already_leading}, because it
 *       would change nothing yet count as a bid and move the deadline.
 *   <li>{@code bidCount} counts accepted bids: leading ones, ones the proxy answered, and raises.
 *       Every accepted bid may extend the deadline, a losing one included.
 *   <li>"Less than extendSeconds left" is strict: exactly 10 s left does not extend.
 *   <li>The reserve is met when the leading maximum reaches it; without a reserve it counts as met.
 *       {@code 0} means no reserve and no buy-now price.
 *   <li>{@code outbidBidderId} is set only when the lead changes hands; a challenger the proxy
 *       answers learns it from {@code leading == false}.
 *   <li>Buy-now needs an open lot before its deadline and before any bid; it sells at the buy-now
 *       price and ends the lot at that moment.
 *   <li>Pre-bids resolve at opening, in the order placed, each bidding as little as it can: amount
 *       {@code min(max, minNextBid)} at its turn. They never extend the deadline.
 * </ul>
 */
package io.showfloor.auction.rules;
