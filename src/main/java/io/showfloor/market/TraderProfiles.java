package io.showfloor.market;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The market's port into accounts for a public trader page: {@code {displayName, bio, avatarUrl,
 * memberSince}} of an active user, or null when there is none to show.
 */
@FunctionalInterface
public interface TraderProfiles {
  Future<@Nullable JsonObject> publicProfile(long userId);
}
