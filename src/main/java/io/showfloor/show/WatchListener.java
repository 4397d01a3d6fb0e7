package io.showfloor.show;

import io.vertx.core.Future;

/**
 * Told of each signed-in viewer's heartbeat in a live show once it counted (not for the show's
 * staff), for work outside shows such as the loyalty streak. Runs after the heartbeat's reply is
 * decided; a failure never fails the heartbeat.
 */
@FunctionalInterface
public interface WatchListener {
  Future<Void> watching(long showId, long userId);
}
