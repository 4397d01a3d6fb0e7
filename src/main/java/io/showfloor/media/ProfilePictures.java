package io.showfloor.media;

import io.vertx.core.Future;
import org.jspecify.annotations.Nullable;

/**
 * The one thing media asks of accounts: set or clear the picture shown for a user (accounts owns
 * {@code users.avatar_url}; the adapter is {@code account.AccountProfilePictures}).
 */
public interface ProfilePictures {
  Future<Void> set(long userId, @Nullable String url);
}
