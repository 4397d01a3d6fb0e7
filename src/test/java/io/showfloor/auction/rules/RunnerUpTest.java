package io.showfloor.auction.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The runner-up of an unpaid lot")
class RunnerUpTest {

  @Test
  @DisplayName("is the other bidder with the highest maximum, offered that maximum")
  void highestOtherMaximum() {
    var offer =
        RunnerUp.choose(
                List.of(
                    new RunnerUp.Standing(1, 4_000, 2),
                    new RunnerUp.Standing(2, 2_500, 1),
                    new RunnerUp.Standing(3, 1_500, 3)),
                1,
                2_600)
            .orElseThrow();
    assertEquals(2, offer.bidderId());
    assertEquals(2_500, offer.priceCents());
  }

  @Test
  @DisplayName("between equal maximums, the one placed first")
  void earlierWinsTies() {
    var offer =
        RunnerUp.choose(
                List.of(new RunnerUp.Standing(5, 2_000, 9), new RunnerUp.Standing(6, 2_000, 4)),
                7,
                2_100)
            .orElseThrow();
    assertEquals(6, offer.bidderId());
  }

  @Test
  @DisplayName("never pays more than the hammer price")
  void cappedAtHammer() {
    // a raised reserve or a late maximum can put a loser's maximum above the price the winner won
    // at
    var offer =
        RunnerUp.choose(List.of(new RunnerUp.Standing(2, 5_000, 1)), 1, 3_000).orElseThrow();
    assertEquals(3_000, offer.priceCents());
  }

  @Test
  @DisplayName("there is none when only the winner bid")
  void noneWithoutOtherBidders() {
    assertTrue(RunnerUp.choose(List.of(new RunnerUp.Standing(1, 4_000, 1)), 1, 1_000).isEmpty());
    assertTrue(RunnerUp.choose(List.of(), 1, 1_000).isEmpty());
  }
}
