package io.showfloor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MoneyTest {
  @Test
  @DisplayName(
      "mails and notifications show cents as US dollars with thousands separators, whatever the machine's locale")
  void dollars() {
    assertEquals("$0.00", Money.dollars(0));
    assertEquals("$0.05", Money.dollars(5));
    assertEquals("$999.99", Money.dollars(99_999));
    assertEquals("$1,234.56", Money.dollars(123_456));
    assertEquals("$1,000,000.00", Money.dollars(100_000_000));
    assertEquals("-$25.00", Money.dollars(-2_500));
    assertEquals("-$1,234,567.89", Money.dollars(-123_456_789));
  }
}
