package io.showfloor.show;

import io.vertx.core.Future;

/**
 * What moderation asks of the video server: take someone out of a room, or silence what they
 * publish.
 */
interface RoomControl {
  /** Disconnects the participant; succeeds when they were not in the room. */
  Future<Void> remove(String room, String identity);

  /** Mutes every track the participant publishes; answers how many tracks were muted. */
  Future<Integer> mute(String room, String identity);
}
