package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Checks on what the fake LiveKit was asked. */
final class LiveKitCallsAssert {
  private LiveKitCallsAssert() {}

  /**
   * The last call of that method was for this room and identity, signed with a roomAdmin grant for
   * the room.
   */
  static void last(FakeLiveKit livekit, String method, String room, String identity) {
    List<FakeLiveKit.Call> calls =
        livekit.calls.stream().filter(c -> c.method().equals(method)).toList();
    assertFalse(calls.isEmpty(), "LiveKit was never asked to " + method + ": " + livekit.calls);
    FakeLiveKit.Call call = calls.get(calls.size() - 1);
    assertEquals(room, call.room());
    assertEquals(identity, call.identity());
    assertTrue(
        call.video().getBoolean("roomAdmin", false),
        "room service calls need roomAdmin: " + call.video());
    assertEquals(room, call.video().getString("room"));
  }
}
