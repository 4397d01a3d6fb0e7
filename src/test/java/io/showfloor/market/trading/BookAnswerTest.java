package io.showfloor.market.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.showfloor.platform.Refused;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A book's answer on the event bus")
class BookAnswerTest {

  @Test
  @DisplayName("an answer crosses the bus as what the command did and its body")
  void answerRoundTrip() {
    JsonObject body = new JsonObject().put("order", new JsonObject().put("id", 7));
    JsonObject wire = new BookAnswer(BookAnswer.Result.ALREADY_PLACED, body).toJson();
    BookAnswer back = BookAnswer.fromJson(wire);
    assertEquals(BookAnswer.Result.ALREADY_PLACED, back.result());
    assertEquals(body, back.body());
    assertNull(BookAnswer.refusalIn(wire));
  }

  @Test
  @DisplayName("a refusal arrives at the sender with its kind, code, detail and retry time")
  void refusalRoundTrip() {
    JsonObject wire =
        BookAnswer.refusedJson(Refused.unprocessable("insufficient_funds", "You have 5 cents"));
    Refused refused = assertThrows(Refused.class, () -> BookAnswer.fromJson(wire));
    assertEquals(Refused.Kind.UNPROCESSABLE, refused.kind());
    assertEquals("insufficient_funds", refused.code());
    assertEquals("You have 5 cents", refused.detail());
    assertNull(refused.retryAfterSeconds());

    Refused busy =
        BookAnswer.refusalIn(
            BookAnswer.refusedJson(
                Refused.unavailable("market_busy", "Too many commands").retryAfter(3)));
    assertEquals(Refused.Kind.UNAVAILABLE, busy.kind());
    assertEquals("market_busy", busy.code());
    assertEquals(3, busy.retryAfterSeconds());
  }
}
