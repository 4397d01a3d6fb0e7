package io.showfloor.commerce.order;

import io.showfloor.platform.config.Settings;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When a shipped order counts as delivered without its buyer ({@code commerce.autoDeliverDays}
 * after shipping, checked every {@code commerce.autoDeliverSweepSeconds}), and how long the
 * seller's money from it is then held ({@code payouts.holdDays} from delivery). Read once.
 */
public record DeliveryTerms(int autoDeliverDays, int sweepSeconds, int payoutHoldDays) {
  /**
   * Statuses an order may have while it is shipped and waiting to be delivered (a partial refund
   * keeps it shipped).
   */
  public static final List<String> AWAITING_DELIVERY = List.of("shipped", "partially_refunded");

  public static DeliveryTerms from(Settings settings) {
    return new DeliveryTerms(
        settings.within("commerce.autoDeliverDays", 14, 1, 365),
        settings.within("commerce.autoDeliverSweepSeconds", 60, 1, 3600),
        settings.within("payouts.holdDays", 7, 0, 365));
  }

  /**
   * When the sweep will confirm this order's delivery if its buyer does not; null unless it waits
   * for delivery.
   */
  public @Nullable OffsetDateTime autoDeliverAt(Order order) {
    boolean waiting =
        order.shippedAt() != null
            && order.deliveredAt() == null
            && AWAITING_DELIVERY.contains(order.status());
    return waiting ? order.shippedAt().plusDays(autoDeliverDays) : null;
  }

  /** True while a card dispute is open on the order (won and lost ones are closed). */
  public static boolean disputed(@Nullable String disputeStatus) {
    return disputeStatus != null && !"won".equals(disputeStatus) && !"lost".equals(disputeStatus);
  }

  /**
   * When the seller's money from this order leaves the hold; null while undelivered or disputed.
   */
  public @Nullable OffsetDateTime payableAt(Order order) {
    return order.deliveredAt() == null || disputed(order.disputeStatus())
        ? null
        : order.deliveredAt().plusDays(payoutHoldDays);
  }
}
