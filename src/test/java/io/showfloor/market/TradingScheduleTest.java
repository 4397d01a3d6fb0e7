package io.showfloor.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.showfloor.platform.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The daily trading schedule")
class TradingScheduleTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final TradingSchedule schedule = TradingSchedule.from(new JsonObject(), NEW_YORK);

  private static Instant at(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant();
  }

  @Test
  @DisplayName(
      "a weekday runs closed, pre_open, opening_auction, continuous, closing_auction, closed in New York time")
  void weekday() {
    // Tuesday 2026-11-24
    assertEquals(Phase.CLOSED, schedule.phaseAt(at(2026, 11, 24, 8, 59)));
    assertEquals(Phase.PRE_OPEN, schedule.phaseAt(at(2026, 11, 24, 9, 0)));
    assertEquals(Phase.OPENING_AUCTION, schedule.phaseAt(at(2026, 11, 24, 9, 25)));
    assertEquals(Phase.CONTINUOUS, schedule.phaseAt(at(2026, 11, 24, 9, 30)));
    assertEquals(Phase.CONTINUOUS, schedule.phaseAt(at(2026, 11, 24, 15, 54)));
    assertEquals(Phase.CLOSING_AUCTION, schedule.phaseAt(at(2026, 11, 24, 15, 55)));
    assertEquals(Phase.CLOSED, schedule.phaseAt(at(2026, 11, 24, 16, 0)));
  }

  @Test
  @DisplayName("weekends are closed all day")
  void weekend() {
    assertEquals(Phase.CLOSED, schedule.phaseAt(at(2026, 11, 21, 11, 0)));
  }

  @Test
  @DisplayName(
      "the last boundary is the latest move at or before now, looking back over the weekend")
  void lastBoundary() {
    assertEquals(at(2026, 11, 24, 9, 30), schedule.lastBoundary(at(2026, 11, 24, 12, 0)));
    assertEquals(at(2026, 11, 24, 9, 30), schedule.lastBoundary(at(2026, 11, 24, 9, 30)));
    // Sunday: the last move was Friday's close
    assertEquals(at(2026, 11, 20, 16, 0), schedule.lastBoundary(at(2026, 11, 22, 10, 0)));
  }

  @Test
  @DisplayName("configured times and days are honoured, and decreasing times are refused")
  void configured() {
    TradingSchedule custom =
        TradingSchedule.from(
            new JsonObject()
                .put("days", "SAT")
                .put("preOpen", "10:00")
                .put("openingAuction", "10:00")
                .put("open", "10:05")
                .put("closingAuction", "11:00")
                .put("close", "11:30"),
            NEW_YORK);
    assertEquals(Phase.OPENING_AUCTION, custom.phaseAt(at(2026, 11, 21, 10, 0)));
    assertEquals(Phase.CLOSED, custom.phaseAt(at(2026, 11, 24, 10, 30)));
    assertThrows(
        ConfigException.class,
        () -> TradingSchedule.from(new JsonObject().put("open", "08:00"), NEW_YORK));
  }
}
