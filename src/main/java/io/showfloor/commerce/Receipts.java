package io.showfloor.commerce;

import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderLine;
import java.util.List;

/** The texts of commerce mails: receipts, shipping and refund confirmations. */
public final class Receipts {
  private Receipts() {}

  /** Cents as dollars for people: 123456 -> "$1,234.56". */
  public static String dollars(long cents) {
    return String.format("%s$%,d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
  }

  public static String receipt(long checkoutId, List<Order> orders, long chargedCents, String provider) {
    StringBuilder text = new StringBuilder("Thank you for your purchase.\n\nCheckout #" + checkoutId + "\n");
    for (Order order : orders) {
      text.append("\nOrder #").append(order.id()).append(" (seller ").append(order.sellerId()).append(")\n");
      for (OrderLine line : order.lines()) {
        text.append("  ").append(line.quantity()).append(" x ").append(line.title()).append("  ")
            .append(dollars(line.lineCents())).append('\n');
      }
      text.append("  Shipping  ").append(dollars(order.shippingCents())).append('\n');
      if (order.discountCents() > 0) {
        text.append("  Points discount  -").append(dollars(order.discountCents())).append('\n');
      }
      text.append("  Order total  ").append(dollars(order.totalCents())).append('\n');
    }
    text.append("\nCharged: ").append(dollars(chargedCents));
    if ("sandbox".equals(provider)) {
      text.append(" (sandbox payment: no real money moved)");
    }
    return text.append('\n').toString();
  }

  public static String shipped(Order order, String carrier, String trackingNumber) {
    return "Your order #" + order.id() + " is on its way.\n\nCarrier: " + carrier + "\nTracking number: " + trackingNumber + "\n";
  }

  public static String refunded(Order order, long cents, boolean full) {
    return (full ? "Your order #" + order.id() + " was refunded in full: " : "Part of your order #" + order.id() + " was refunded: ")
        + dollars(cents) + " goes back to your card.\n";
  }
}
