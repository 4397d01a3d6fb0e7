package io.showfloor.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An event stream's id: its position on every topic")
class StreamCursorTest {
  @Test
  @DisplayName("the id written is the id read back, and advancing one topic keeps the others")
  void roundTrip() {
    StreamCursor cursor = StreamCursor.parse("market:ACME=12,me=5");
    assertEquals(12, cursor.position("market:ACME"));
    assertEquals(5, cursor.position("me"));
    assertEquals(-1, cursor.position("lot:7"));
    cursor.advance("me", 6);
    cursor.advance("lot:7", 1);
    assertEquals("lot:7=1,market:ACME=12,me=6", cursor.id());
    assertEquals(cursor.id(), StreamCursor.parse(cursor.id()).id());
  }

  @Test
  @DisplayName("a reconnect with fewer topics forgets the others")
  void retain() {
    StreamCursor cursor = StreamCursor.parse("market:ACME=12,me=5");
    cursor.retain(List.of("me"));
    assertEquals("me=5", cursor.id());
  }

  @Test
  @DisplayName("an id the server did not write resumes nothing: every topic starts from a snapshot")
  void malformed() {
    for (String id :
        new String[] {
          null,
          "",
          "  ",
          "42",
          "market:ACME",
          "market:ACME=x",
          "market:ACME=1,junk",
          "user:7=3;me=1",
          "me=" + "9".repeat(19),
          "x".repeat(StreamCursor.MAX_LENGTH + 1)
        }) {
      assertEquals("", StreamCursor.parse(id).id(), String.valueOf(id));
    }
  }
}
