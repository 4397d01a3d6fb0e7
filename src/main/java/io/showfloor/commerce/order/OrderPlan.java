package io.showfloor.commerce.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The orders a purchase becomes, priced before anything is written: one order per seller, the
 * seller's shipping bundled (the highest shipping price among their lines, charged once), the
 * platform fee and any creator commission per line (see {@link Splits#rateOf}), and a discount
 * spread over the orders by {@link Splits#allocate}.
 */
public final class OrderPlan {
  /**
   * A line to price: a product, its unit price now, and the creator who earns commission on it, if
   * any.
   */
  public record Item(
      long productId,
      long sellerId,
      String title,
      long unitPriceCents,
      int quantity,
      long shippingCents,
      @Nullable Long creatorId,
      @Nullable Integer commissionBps) {}

  public record Line(Item item, long lineCents, long feeCents, long commissionCents) {}

  public record Planned(
      long sellerId,
      List<Line> lines,
      long itemsCents,
      long shippingCents,
      long feeCents,
      long commissionCents,
      long discountCents) {
    public long totalCents() {
      return itemsCents + shippingCents - discountCents;
    }

    Planned withDiscount(long discount) {
      return new Planned(
          sellerId, lines, itemsCents, shippingCents, feeCents, commissionCents, discount);
    }
  }

  private OrderPlan() {}

  public static List<Planned> plan(List<Item> items, int feeBps, long discountCents) {
    Map<Long, List<Line>> bySeller = new LinkedHashMap<>();
    for (Item item : items) {
      long lineCents = Math.multiplyExact(item.unitPriceCents(), item.quantity());
      long fee = Splits.rateOf(lineCents, feeBps);
      Integer commissionBps = item.commissionBps();
      long commission =
          item.creatorId() == null || commissionBps == null
              ? 0
              : Splits.rateOf(lineCents, commissionBps);
      if (fee + commission > lineCents) {
        throw new IllegalArgumentException(
            "fee and commission exceed the price of product " + item.productId());
      }
      bySeller
          .computeIfAbsent(item.sellerId(), k -> new ArrayList<>())
          .add(new Line(item, lineCents, fee, commission));
    }
    List<Planned> planned = new ArrayList<>();
    bySeller.forEach(
        (seller, lines) ->
            planned.add(
                new Planned(
                    seller,
                    lines,
                    lines.stream().mapToLong(Line::lineCents).sum(),
                    lines.stream().mapToLong(l -> l.item().shippingCents()).max().orElse(0),
                    lines.stream().mapToLong(Line::feeCents).sum(),
                    lines.stream().mapToLong(Line::commissionCents).sum(),
                    0)));
    if (discountCents <= 0) {
      return planned;
    }
    long[] weights = planned.stream().mapToLong(p -> p.itemsCents() + p.shippingCents()).toArray();
    long[] shares = Splits.allocate(discountCents, weights);
    List<Planned> discounted = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      discounted.add(planned.get(i).withDiscount(shares[i]));
    }
    return discounted;
  }
}
