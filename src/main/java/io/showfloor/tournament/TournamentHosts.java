package io.showfloor.tournament;

import io.vertx.core.Future;

/**
 * Who may host a private tournament besides admins. Wired in {@code Wiring} to the user's Pro
 * subscription.
 */
public interface TournamentHosts {
  Future<Boolean> mayHostPrivate(long userId);
}
