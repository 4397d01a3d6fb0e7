package io.showfloor.market.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The trading fee")
class TradeFeeTest {

  @Test
  @DisplayName("is 2% of the trade value by default")
  void defaultTwoPercent() {
    assertEquals(200, TradeFee.ofValue(10_000));
    assertEquals(2_469, TradeFee.ofValue(123_450));
  }

  @Test
  @DisplayName("rounds half a cent and more up, less than half a cent down")
  void roundsHalfUp() {
    assertEquals(1, TradeFee.ofValue(25), "2% of 25 cents is 0.5 cent");
    assertEquals(0, TradeFee.ofValue(24), "2% of 24 cents is 0.48 cent");
    assertEquals(1, TradeFee.ofValue(74), "2% of 74 cents is 1.48 cents");
    assertEquals(2, TradeFee.ofValue(75), "2% of 75 cents is 1.5 cents");
    assertEquals(0, TradeFee.ofValue(0));
  }

  @Test
  @DisplayName("takes any rate in basis points")
  void otherRates() {
    assertEquals(13, TradeFee.ofValue(1_000, 125), "1.25% of 10.00 is 12.5 cents");
    assertEquals(0, TradeFee.ofValue(1_000, 0));
    assertEquals(1_000, TradeFee.ofValue(1_000, 10_000));
  }

  @Test
  @DisplayName("the seller receives the value minus the fee, so the parts add up to the value")
  void sellerProceeds() {
    for (long value = 0; value < 2_000; value++) {
      assertEquals(value, TradeFee.ofValue(value, 200) + TradeFee.sellerProceeds(value, 200));
    }
    assertEquals(9_800, TradeFee.sellerProceeds(10_000, 200));
  }

  @Test
  @DisplayName("is exact even for values where value x rate would overflow a long")
  void noOverflow() {
    long value = Long.MAX_VALUE - 7;
    long expected =
        java.math.BigDecimal.valueOf(value)
            .multiply(java.math.BigDecimal.valueOf(200))
            .divide(java.math.BigDecimal.valueOf(10_000), 0, java.math.RoundingMode.HALF_UP)
            .longValueExact();

    assertEquals(expected, TradeFee.ofValue(value, 200));
  }

  @Test
  @DisplayName("refuses a negative value and a rate outside 0..10000 basis points")
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> TradeFee.ofValue(-1));
    assertThrows(IllegalArgumentException.class, () -> TradeFee.ofValue(100, -1));
    assertThrows(IllegalArgumentException.class, () -> TradeFee.ofValue(100, 10_001));
  }
}
