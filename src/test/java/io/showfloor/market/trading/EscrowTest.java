package io.showfloor.market.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.showfloor.market.FeePayer;
import io.showfloor.market.engine.TradeFee;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Escrow and fee arithmetic")
class EscrowTest {

  @Test
  @DisplayName("when the seller pays the fee a buy locks exactly price x quantity")
  void sellerPaysLocksValue() {
    assertEquals(105_000, Escrow.requiredLock(10_500, 10, 0, 200, FeePayer.SELLER));
    assertEquals(0, Escrow.maxFeeOn(105_000, 0, 200, FeePayer.SELLER));
  }

  @Test
  @DisplayName(
      "when the buyer pays, a buy also locks the fee on its whole value, rounded half up once")
  void buyerPaysLocksMaxFee() {
    // 2% of 1,025 cents is 20.5 cents: charged as 21
    assertEquals(1_025 + 21, Escrow.requiredLock(41, 25, 0, 200, FeePayer.BUYER));
  }

  @Test
  @DisplayName(
      "an order's fill fees add up to the fee on its total traded value, however it is split")
  void feesOfSplitFillsSumToFeeOfTotal() {
    // 25 fills of 25 cents: each alone would round 0.5 up to 1 cent (25 cents of fees); cumulative
    // charging gives 13
    long traded = 0;
    long fees = 0;
    for (int i = 0; i < 25; i++) {
      fees += Escrow.feeOnFill(traded, 25, 200);
      traded += 25;
    }
    assertEquals(TradeFee.ofValue(625, 200), fees);
    assertEquals(13, fees);
  }

  @Test
  @DisplayName(
      "after any fills at or below the limit, what is still locked covers the rest (buyer pays)")
  void lockNeverShortAfterFills() {
    Random random = new Random(7);
    for (int run = 0; run < 2_000; run++) {
      int bps = random.nextInt(1_001);
      long limit = 1 + random.nextInt(20_000);
      long quantity = 1 + random.nextInt(500);
      long locked = Escrow.requiredLock(limit, quantity, 0, bps, FeePayer.BUYER);
      long filled = 0;
      long traded = 0;
      while (filled < quantity && random.nextBoolean()) {
        long shares = 1 + random.nextInt((int) (quantity - filled));
        long price = 1 + random.nextInt((int) limit);
        long value = price * shares;
        locked -= value + Escrow.feeOnFill(traded, value, bps);
        traded += value;
        filled += shares;
        long required = Escrow.requiredLock(limit, quantity - filled, traded, bps, FeePayer.BUYER);
        assertTrue(locked >= required, "locked " + locked + " < required " + required);
        locked = required;
      }
    }
  }
}
