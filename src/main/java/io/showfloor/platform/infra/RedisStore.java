package io.showfloor.platform.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.jspecify.annotations.Nullable;

/**
 * Redis through a pooled client: each command borrows a connection, so a dropped connection is
 * replaced on the next command instead of needing a hand-written reconnect loop.
 */
public final class RedisStore {
  private final Redis client;
  private final RedisAPI api;

  public RedisStore(Vertx vertx, @Nullable String url) {
    this(vertx, RedisUrl.parse(url, null));
  }

  public RedisStore(Vertx vertx, RedisUrl url) {
    this.client =
        Redis.createClient(
            vertx,
            url.options()
                .setPoolName("redis")
                .setMaxPoolSize(32)
                .setMaxPoolWaiting(10_000)
                .setMaxWaitingHandlers(100_000));
    this.api = RedisAPI.api(client);
  }

  public RedisAPI api() {
    return api;
  }

  public Redis client() {
    return client;
  }

  public Future<Void> ping() {
    return api.ping(java.util.List.of()).mapEmpty();
  }

  public void close() {
    client.close();
  }
}
