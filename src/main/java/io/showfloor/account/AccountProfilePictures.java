package io.showfloor.account;

import io.showfloor.media.ProfilePictures;
import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import org.jspecify.annotations.Nullable;

/** Media's port into accounts: the avatar an upload set, on {@code users.avatar_url}. */
public final class AccountProfilePictures implements ProfilePictures {
  private static final String SET =
      "UPDATE users SET avatar_url = $2, updated_at = now() WHERE id = $1";
  private final Database db;

  AccountProfilePictures(Database db) {
    this.db = db;
  }

  @Override
  public Future<Void> set(long userId, @Nullable String url) {
    return db.query(SET, Tuple.of(userId, url)).mapEmpty();
  }
}
