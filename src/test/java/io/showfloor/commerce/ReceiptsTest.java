package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
  @Test
  @DisplayName("receipts show cents as US dollars with thousands separators, whatever the machine's locale")
  void dollars() {
    assertEquals("$0.00", Receipts.dollars(0));
    assertEquals("$0.05", Receipts.dollars(5));
    assertEquals("$999.99", Receipts.dollars(99_999));
    assertEquals("$1,234.56", Receipts.dollars(123_456));
    assertEquals("$1,000,000.00", Receipts.dollars(100_000_000));
    assertEquals("-$25.00", Receipts.dollars(-2_500));
    assertEquals("-$1,234,567.89", Receipts.dollars(-123_456_789));
  }
}
