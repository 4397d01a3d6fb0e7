package io.showfloor.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which action fits which target")
class ActionTest {

  private static Set<TargetType> fits(Action action) {
    Set<TargetType> fits = EnumSet.noneOf(TargetType.class);
    for (TargetType type : TargetType.values()) {
      if (action.refusal(type) == null) {
        fits.add(type);
      }
    }
    return fits;
  }

  @Test
  @DisplayName(
      "dismiss, warn and suspend fit everything but buyer-protection cases; timeout and ban need a chat message's show")
  void userActions() {
    for (Action action : new Action[] {Action.DISMISS, Action.WARN_USER, Action.SUSPEND_USER}) {
      assertEquals(
          EnumSet.complementOf(EnumSet.of(TargetType.RETURN_REQUEST, TargetType.PAYMENT_DISPUTE)),
          fits(action),
          action.wire());
    }
    // an escalated request is ruled on with its own endpoint, a card dispute by the card network
    for (Action action : Action.values()) {
      assertTrue(
          action.refusal(TargetType.RETURN_REQUEST).contains("/api/return-requests/{id}/rule"),
          action.wire());
      assertTrue(
          action.refusal(TargetType.PAYMENT_DISPUTE).contains("card network"), action.wire());
    }
    assertEquals(EnumSet.of(TargetType.CHAT_MESSAGE), fits(Action.TIMEOUT_USER));
    assertEquals(EnumSet.of(TargetType.CHAT_MESSAGE), fits(Action.BAN_FROM_SHOW));
    assertNotNull(Action.BAN_FROM_SHOW.refusal(TargetType.USER));
  }

  @Test
  @DisplayName(
      "content is removed where its domain can take it down: messages, reviews, products, listings, shows")
  void removal() {
    assertEquals(
        EnumSet.of(
            TargetType.CHAT_MESSAGE,
            TargetType.REVIEW,
            TargetType.PRODUCT,
            TargetType.MARKET_INSTRUMENT,
            TargetType.SHOW),
        fits(Action.REMOVE_CONTENT));
    assertTrue(Action.REMOVE_CONTENT.refusal(TargetType.USER).contains("suspend_user"));
    assertNull(Action.REMOVE_CONTENT.refusal(TargetType.REVIEW));
  }

  @Test
  @DisplayName("only dismiss leaves reports unheld; names parse both ways")
  void upholdingAndNames() {
    for (Action action : Action.values()) {
      assertEquals(action != Action.DISMISS, action.upholds(), action.wire());
      assertEquals(action, Action.parse(action.wire()));
    }
    for (TargetType type : TargetType.values()) {
      assertEquals(type, TargetType.parse(type.wire()));
    }
    assertFalse(TargetType.MARKET_FLAG.reportable());
    assertTrue(TargetType.MARKET_INSTRUMENT.keyedBySymbol());
    assertThrows(IllegalArgumentException.class, () -> Action.parse("delete"));
  }
}
