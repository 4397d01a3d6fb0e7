package io.showfloor.auction.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Bid increments")
class BidIncrementsTest {

  @DisplayName("the increment follows the docs/API.md table, exactly at each band's edges")
  @ParameterizedTest(name = "at {0} cents the increment is {1} cents")
  @CsvSource({
    "0, 5",
    "1, 5",
    "99, 5",
    "100, 25",
    "499, 25",
    "500, 50",
    "2499, 50",
    "2500, 100",
    "9999, 100",
    "10000, 250",
    "24999, 250",
    "25000, 500",
    "49999, 500",
    "50000, 1000",
    "99999, 1000",
    "100000, 2500",
    "249999, 2500",
    "250000, 5000",
    "499999, 5000",
    "500000, 10000",
    "500001, 10000",
    "100000000, 10000",
    "9223372036854775807, 10000"
  })
  void incrementByBand(long priceCents, long expectedIncrementCents) {
    assertEquals(expectedIncrementCents, BidIncrements.increment(priceCents));
  }

  @Test
  @DisplayName("one increment above a price uses the increment of that price")
  void oneIncrementAbove() {
    assertEquals(104, BidIncrements.oneIncrementAbove(99));
    assertEquals(125, BidIncrements.oneIncrementAbove(100));
    assertEquals(510_000, BidIncrements.oneIncrementAbove(500_000));
  }

  @Test
  @DisplayName("one increment above an enormous price saturates instead of overflowing")
  void saturates() {
    assertEquals(Long.MAX_VALUE, BidIncrements.oneIncrementAbove(Long.MAX_VALUE - 1));
    assertEquals(Long.MAX_VALUE, BidIncrements.oneIncrementAbove(Long.MAX_VALUE));
  }

  @Test
  @DisplayName("a negative price has no increment")
  void negativePrice() {
    assertThrows(IllegalArgumentException.class, () -> BidIncrements.increment(-1));
  }
}
