package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.commerce.order.RefundReversal;
import io.showfloor.commerce.order.Splits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Money splits round explicitly and their parts sum exactly to the whole")
class SplitsTest {

  @Test
  @DisplayName("a rate is rounded half up to the cent")
  void rateHalfUp() {
    assertEquals(80, Splits.rateOf(1006, 800)); // 80.48
    assertEquals(82, Splits.rateOf(1019, 800)); // 81.52
    assertEquals(1, Splits.rateOf(7, 800)); // 0.56
    assertEquals(0, Splits.rateOf(6, 800)); // 0.48
    assertEquals(4, Splits.rateOf(50, 800)); // 4.00
    assertEquals(1, Splits.rateOf(25, 200)); // 0.5 rounds up
    assertThrows(IllegalArgumentException.class, () -> Splits.rateOf(100, 10_001));
  }

  @Test
  @DisplayName(
      "largest remainder: shares sum to the total, leftover cents go to the largest fractions")
  void allocate() {
    assertArrayEquals(new long[] {34, 33, 33}, Splits.allocate(100, new long[] {1, 1, 1}));
    assertArrayEquals(new long[] {1, 2}, Splits.allocate(3, new long[] {1, 2}));
    assertArrayEquals(new long[] {0, 0, 0}, Splits.allocate(0, new long[] {5, 6, 7}));
    Random random = new Random(42);
    for (int trial = 0; trial < 2000; trial++) {
      long[] weights = new long[1 + random.nextInt(6)];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = 1 + random.nextInt(1_000_000);
      }
      long total = random.nextInt(10_000_000);
      long[] parts = Splits.allocate(total, weights);
      assertEquals(total, java.util.Arrays.stream(parts).sum());
    }
  }

  @Test
  @DisplayName(
      "refunds in any steps reverse each part exactly once in total, never a negative amount in a step")
  void refundsReverseExactly() {
    Random random = new Random(7);
    for (int trial = 0; trial < 3000; trial++) {
      long items = 1 + random.nextInt(100_000);
      long fee = Splits.rateOf(items, 800);
      Map<Long, Long> commissions = new LinkedHashMap<>();
      int lines = random.nextInt(3);
      long commissionTotal = 0;
      for (int l = 0; l < lines; l++) {
        long c = Splits.rateOf(items / Math.max(1, lines), random.nextInt(3000));
        commissions.put((long) l + 1, c);
        commissionTotal += c;
      }
      long shipping = random.nextInt(1000);
      long discount = random.nextInt((int) Math.min(items, 5000));
      long paid = items + shipping - discount;
      long seller = items + shipping - fee - commissionTotal;
      long refunded = 0;
      long fees = 0;
      long sellers = 0;
      long discounts = 0;
      Map<Long, Long> commissionBack = new LinkedHashMap<>();
      while (refunded < paid) {
        long step =
            Math.min(
                paid - refunded,
                1 + random.nextInt((int) Math.max(1, paid / (1 + random.nextInt(4)))));
        RefundReversal r =
            RefundReversal.of(
                new RefundReversal.OrderSplit(paid, discount, fee, commissions, refunded), step);
        long commissionStep =
            r.commissionCents().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(
            r.cashCents() + r.discountCents(),
            r.sellerCents() + r.feeCents() + commissionStep,
            "each refund balances");
        assertTrue(
            r.sellerCents() >= 0
                && r.feeCents() >= 0
                && r.discountCents() >= 0
                && commissionStep >= 0);
        r.commissionCents().values().forEach(c -> assertTrue(c >= 0));
        refunded += step;
        fees += r.feeCents();
        sellers += r.sellerCents();
        discounts += r.discountCents();
        r.commissionCents().forEach((line, c) -> commissionBack.merge(line, c, Long::sum));
      }
      assertEquals(fee, fees);
      assertEquals(seller, sellers);
      assertEquals(discount, discounts);
      for (Map.Entry<Long, Long> c : commissions.entrySet()) {
        assertEquals(c.getValue(), commissionBack.getOrDefault(c.getKey(), 0L));
      }
    }
  }

  @Test
  @DisplayName("a refund larger than what is left is refused")
  void tooLarge() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RefundReversal.of(new RefundReversal.OrderSplit(1000, 0, 80, Map.of(), 900), 101));
  }
}
