package io.showfloor.auction.rules;

import static io.showfloor.auction.rules.Lots.ALICE;
import static io.showfloor.auction.rules.Lots.HOST;
import static io.showfloor.auction.rules.Lots.SELLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lot state")
class LotStateTest {

  @Test
  @DisplayName(
      "a new lot is queued at its starting price, with no reserve, no buy-now and 10 s extensions")
  void queuedDefaults() {
    LotState lot = LotState.queued(SELLER, HOST, 1_000, AuctionMode.STANDARD);

    assertEquals(LotStatus.QUEUED, lot.status());
    assertEquals(1_000, lot.currentPriceCents());
    assertEquals(Optional.empty(), lot.leader());
    assertEquals(OptionalLong.empty(), lot.highBidderId());
    assertEquals(0, lot.bidCount());
    assertEquals(10, lot.extendSeconds());
    assertFalse(lot.hasReserve());
    assertFalse(lot.hasBuyNow());
    assertEquals(null, lot.endsAt());
  }

  @Test
  @DisplayName(
      "without a reserve nothing stands in the way of a sale; with one, no bids do not meet it")
  void reserveMet() {
    LotState lot = LotState.queued(SELLER, HOST, 1_000, AuctionMode.STANDARD);

    assertTrue(lot.reserveMet());
    assertFalse(lot.withReservePriceCents(5_000).reserveMet());
  }

  @Test
  @DisplayName("statuses and modes have the lower-case wire names of the API")
  void wireNames() {
    assertEquals("sudden_death", AuctionMode.SUDDEN_DEATH.wireName());
    assertEquals(AuctionMode.SUDDEN_DEATH, AuctionMode.fromWireName("sudden_death"));
    assertEquals("cancelled", LotStatus.CANCELLED.wireName());
    assertEquals(LotStatus.OPEN, LotStatus.fromWireName("open"));
  }

  @Test
  @DisplayName("a price above the leader's maximum is a corrupt state")
  void priceAboveLeaderMaximum() {
    Instant now = Instant.parse("2030-01-01T20:00:00Z");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LotState(
                LotStatus.OPEN,
                SELLER,
                HOST,
                AuctionMode.STANDARD,
                1_000,
                0,
                0,
                10,
                now,
                2_001,
                Optional.of(new Leader(ALICE, 2_000, now)),
                1));
  }

  @Test
  @DisplayName("an open lot has a deadline, and no amount is negative")
  void invariants() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LotState(
                LotStatus.OPEN,
                SELLER,
                HOST,
                AuctionMode.STANDARD,
                1_000,
                0,
                0,
                10,
                null,
                1_000,
                Optional.empty(),
                0));
    assertThrows(
        IllegalArgumentException.class,
        () -> LotState.queued(SELLER, HOST, 1_000, AuctionMode.STANDARD).withReservePriceCents(-1));
  }
}
