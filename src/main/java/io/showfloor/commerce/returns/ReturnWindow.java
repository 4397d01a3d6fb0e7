package io.showfloor.commerce.returns;

import io.showfloor.platform.Refused;
import java.time.OffsetDateTime;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether a buyer may open a request on an order now (no I/O). Decided: after delivery any reason,
 * for {@code returnWindowDays}; before delivery only "not received", and only once the order
 * shipped or its seller is {@code shipOverdueDays} late shipping it (before that the buyer is still
 * simply waiting). "Not received" stays possible after an automatic delivery confirmation, which
 * proves nothing.
 */
final class ReturnWindow {
  static final Set<String> PAID = Set.of("paid", "shipped", "delivered", "partially_refunded");

  private ReturnWindow() {}

  /** The refusal, or null when the request may be opened. */
  static @Nullable Refused refusal(
      ReturnTerms terms,
      String status,
      @Nullable String disputeStatus,
      @Nullable OffsetDateTime paidAt,
      @Nullable OffsetDateTime shippedAt,
      @Nullable OffsetDateTime deliveredAt,
      ReturnReason reason,
      OffsetDateTime now) {
    if ("refunded".equals(status)) {
      return Refused.conflict(
          "already_refunded", "Everything paid for this order is already refunded");
    }
    if (!PAID.contains(status) || paidAt == null) {
      return Refused.conflict(
          "order_state", "An order that is " + status + " has nothing paid to give back");
    }
    if (io.showfloor.commerce.order.DeliveryTerms.disputed(disputeStatus)) {
      return Refused.conflict(
          "order_disputed",
          "The payment is disputed with your bank; the dispute decides the refund");
    }
    if (deliveredAt != null) {
      OffsetDateTime closes = deliveredAt.plusDays(terms.returnWindowDays());
      return now.isAfter(closes)
          ? Refused.conflict(
              "return_window_closed",
              "Requests close "
                  + terms.returnWindowDays()
                  + " days after delivery; this order's window closed at "
                  + closes.toInstant())
          : null;
    }
    if (reason != ReturnReason.NOT_RECEIVED) {
      return Refused.conflict(
          "not_delivered_yet",
          "Before delivery the only reason is not_received; the others open once it arrives");
    }
    OffsetDateTime overdue = paidAt.plusDays(terms.shipOverdueDays());
    if (shippedAt == null && now.isBefore(overdue)) {
      return Refused.conflict(
          "not_overdue_yet",
          "The seller has until "
              + overdue.toInstant()
              + " to ship; a not_received request opens once it ships or that passes");
    }
    return null;
  }
}
