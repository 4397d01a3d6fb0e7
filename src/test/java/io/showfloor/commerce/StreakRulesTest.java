package io.showfloor.commerce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.showfloor.commerce.loyalty.StreakRules;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streak arithmetic")
class StreakRulesTest {
  private final StreakRules rules = new StreakRules(10, 5, 7, 10);

  @Test
  @DisplayName("a streak grows by one per consecutive day and restarts at one after a gap")
  void streakLength() {
    assertEquals(1, rules.streakAfter(0));
    assertEquals(4, rules.streakAfter(3));
  }

  @Test
  @DisplayName("the bonus grows by the per-day points until the cap, then stays")
  void bonus() {
    assertEquals(10, rules.bonusFor(1));
    assertEquals(25, rules.bonusFor(4));
    assertEquals(40, rules.bonusFor(7));
    assertEquals(40, rules.bonusFor(30));
    assertThrows(IllegalArgumentException.class, () -> rules.bonusFor(0));
  }

  @Test
  @DisplayName("settings out of range are refused at start-up")
  void badSettings() {
    assertThrows(IllegalArgumentException.class, () -> new StreakRules(-1, 5, 7, 10));
    assertThrows(IllegalArgumentException.class, () -> new StreakRules(10, 5, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new StreakRules(10, 5, 7, 0));
  }
}
