package io.showfloor.commerce.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.showfloor.platform.Refused;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When a buyer may open a return request")
class ReturnWindowTest {
  private static final ReturnTerms TERMS = new ReturnTerms(30, 5, 3, 60);
  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneOffset.UTC);

  private static String code(
      String status,
      String dispute,
      OffsetDateTime paid,
      OffsetDateTime shipped,
      OffsetDateTime delivered,
      ReturnReason reason) {
    Refused refused =
        ReturnWindow.refusal(TERMS, status, dispute, paid, shipped, delivered, reason, NOW);
    return refused == null ? null : refused.code();
  }

  @Test
  @DisplayName("after delivery any reason, until returnWindowDays have passed")
  void afterDelivery() {
    OffsetDateTime paid = NOW.minusDays(40);
    assertNull(
        code(
            "delivered",
            null,
            paid,
            NOW.minusDays(35),
            NOW.minusDays(30),
            ReturnReason.CHANGED_MIND));
    assertEquals(
        "return_window_closed",
        code(
            "delivered",
            null,
            paid,
            NOW.minusDays(35),
            NOW.minusDays(30).minusSeconds(1),
            ReturnReason.DAMAGED));
    assertNull(
        code(
            "partially_refunded",
            null,
            paid,
            NOW.minusDays(3),
            NOW.minusDays(1),
            ReturnReason.NOT_RECEIVED));
  }

  @Test
  @DisplayName("before delivery only not_received, once shipped or shipOverdueDays after payment")
  void beforeDelivery() {
    assertEquals(
        "not_delivered_yet",
        code("shipped", null, NOW.minusDays(2), NOW.minusDays(1), null, ReturnReason.DAMAGED));
    assertNull(
        code("shipped", null, NOW.minusDays(2), NOW.minusDays(1), null, ReturnReason.NOT_RECEIVED));
    assertEquals(
        "not_overdue_yet",
        code("paid", null, NOW.minusDays(5).plusSeconds(1), null, null, ReturnReason.NOT_RECEIVED));
    assertNull(code("paid", null, NOW.minusDays(5), null, null, ReturnReason.NOT_RECEIVED));
  }

  @Test
  @DisplayName("nothing paid, everything refunded, or a card dispute open: refused")
  void states() {
    assertEquals(
        "order_state", code("pending_payment", null, null, null, null, ReturnReason.NOT_RECEIVED));
    assertEquals(
        "order_state", code("cancelled", null, null, null, null, ReturnReason.NOT_RECEIVED));
    assertEquals(
        "already_refunded",
        code("refunded", null, NOW.minusDays(9), null, null, ReturnReason.NOT_RECEIVED));
    assertEquals(
        "order_disputed",
        code(
            "delivered",
            "open",
            NOW.minusDays(9),
            NOW.minusDays(8),
            NOW.minusDays(2),
            ReturnReason.DAMAGED));
    assertNull(
        code(
            "delivered",
            "won",
            NOW.minusDays(9),
            NOW.minusDays(8),
            NOW.minusDays(2),
            ReturnReason.DAMAGED));
  }
}
