package io.showfloor.commerce.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a payee may withdraw and which payable a payout draws from, without I/O")
class PayablesTest {

  private static Payables of(
      long sellerBalance, long sellerPending, long creatorBalance, long creatorPending) {
    return new Payables(
        new Payables.Part(sellerBalance, sellerPending),
        new Payables.Part(creatorBalance, creatorPending));
  }

  @Test
  @DisplayName(
      "held money is not available; a payout takes the seller payable first, then commissions")
  void sellerFirst() {
    Payables p = of(5_000, 1_000, 2_000, 500);
    assertEquals(5_500, p.availableCents());
    assertEquals(1_500, p.pendingCents());
    assertEquals(3_000, p.fromSeller(3_000));
    assertEquals(4_000, p.fromSeller(5_500));
    assertThrows(IllegalArgumentException.class, () -> p.fromSeller(5_501));
  }

  @Test
  @DisplayName(
      "a seller payable driven negative by a refund of paid-out money is settled from commissions first")
  void negativeSellerPayable() {
    Payables p = of(-700, 0, 2_000, 0);
    assertEquals(1_300, p.availableCents());
    assertEquals(0, p.fromSeller(1_300));
    assertEquals(0, of(-3_000, 0, 2_000, 0).availableCents());
  }

  @Test
  @DisplayName(
      "a balance below what is held (a refund of a held order's sibling) never makes the available amount negative")
  void neverNegative() {
    assertEquals(0, of(400, 900, 0, 0).availableCents());
  }
}
