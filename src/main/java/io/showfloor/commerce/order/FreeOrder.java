package io.showfloor.commerce.order;

import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A $0 order another domain creates inside its own transaction for an item that was won or redeemed
 * rather than bought: a giveaway prize ({@code giveaway}, {@code giveaway:7}) or a redeemed market
 * instrument ({@code redemption}, {@code redemption:LEICA}). It is paid from the start (nothing to
 * pay, nothing posted to the ledger), ships free, and waits in the seller's to-ship list; {@code
 * address} is the receiver's default address at that moment (may be null).
 */
public record FreeOrder(
    String source,
    String sourceRef,
    long buyerId,
    long sellerId,
    long productId,
    Long showId,
    @Nullable JsonObject address) {
  public FreeOrder {
    if (!"giveaway".equals(source) && !"redemption".equals(source)) {
      throw new IllegalArgumentException("source is giveaway or redemption");
    }
  }
}
