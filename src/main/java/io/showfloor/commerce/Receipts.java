package io.showfloor.commerce;

import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderLine;
import io.showfloor.platform.Money;
import java.util.List;

/** The texts of commerce mails: receipts, shipping and refund confirmations. */
public final class Receipts {
  private Receipts() {}

  /**
   * The checkout's receipt; each order names its seller as people see them ({@code sellerNames} by
   * id).
   */
  public static String receipt(
      long checkoutId,
      List<Order> orders,
      long chargedCents,
      String provider,
      java.util.Map<Long, String> sellerNames) {
    StringBuilder text =
        new StringBuilder("Thank you for your purchase.\n\nCheckout #" + checkoutId + "\n");
    for (Order order : orders) {
      text.append("\nOrder #")
          .append(order.id())
          .append(" from ")
          .append(sellerNames.getOrDefault(order.sellerId(), "user " + order.sellerId()))
          .append('\n');
      for (OrderLine line : order.lines()) {
        text.append("  ")
            .append(line.quantity())
            .append(" x ")
            .append(line.title())
            .append("  ")
            .append(Money.dollars(line.lineCents()))
            .append('\n');
      }
      text.append("  Shipping  ").append(Money.dollars(order.shippingCents())).append('\n');
      if (order.discountCents() > 0) {
        text.append("  Points discount  -")
            .append(Money.dollars(order.discountCents()))
            .append('\n');
      }
      text.append("  Order total  ").append(Money.dollars(order.totalCents())).append('\n');
    }
    text.append("\nCharged: ").append(Money.dollars(chargedCents));
    if ("sandbox".equals(provider)) {
      text.append(" (sandbox payment: no real money moved)");
    }
    return text.append('\n').toString();
  }

  public static String shipped(
      Order order, String sellerName, String carrier, String trackingNumber) {
    return sellerName
        + " shipped your order #"
        + order.id()
        + ": it is on its way.\n\nCarrier: "
        + carrier
        + "\nTracking number: "
        + trackingNumber
        + "\n";
  }

  public static String refunded(Order order, long cents, boolean full) {
    return (full
            ? "Your order #" + order.id() + " was refunded in full: "
            : "Part of your order #" + order.id() + " was refunded: ")
        + Money.dollars(cents)
        + " goes back to your card.\n";
  }

  public static String cancelledBySeller(Order order, String sellerName, String reason) {
    return sellerName
        + " cancelled your order #"
        + order.id()
        + " before it was paid. Nothing was charged.\n\n"
        + "Their reason: "
        + reason
        + "\n";
  }
}
