package io.showfloor.commerce;

import io.showfloor.commerce.order.Order;
import io.showfloor.commerce.order.OrderLine;
import java.util.List;

/** The texts of commerce mails: receipts, shipping and refund confirmations. */
public final class Receipts {
  private Receipts() {}

  /** Cents as dollars for people: 123456 -> "$1,234.56". */
  public static String dollars(long cents) {
    // by hand: String.format was a visible share of a checkout's CPU (every receipt line), and
    // its grouping separator follows the default locale while receipts are in US format
    String whole = Long.toString(Math.abs(cents / 100));
    long fraction = Math.abs(cents % 100);
    StringBuilder text = new StringBuilder(whole.length() + 8);
    if (cents < 0) {
      text.append('-');
    }
    text.append('$');
    int head = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
    text.append(whole, 0, head);
    for (int i = head; i < whole.length(); i += 3) {
      text.append(',').append(whole, i, i + 3);
    }
    return text.append('.').append(fraction < 10 ? "0" : "").append(fraction).toString();
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
