package io.showfloor.platform.infra;

import io.showfloor.platform.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis started in-process when no DATABASE_URL / REDIS_URL is configured.
 * PostgreSQL keeps its data under {dataDir}/postgres so a restart keeps everything; Redis keeps
 * nothing that cannot be rebuilt from PostgreSQL, so it runs without persistence.
 */
public final class EmbeddedServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
  private @Nullable EmbeddedPostgres postgres;
  private @Nullable RedisServer redis;

  /** Starts whatever is not configured and returns the settings with the resulting URLs filled in. */
  public Settings startMissing(Settings settings) {
    Settings result = settings;
    if (!settings.has("database.url")) {
      int port = settings.port("database.embedded.port", 54329);
      Path dir = settings.dataDir().resolve("postgres");
      try {
        Files.createDirectories(dir.getParent());
        long started = System.nanoTime();
        postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("max_connections", "200")
            .start();
        LOG.info("Embedded PostgreSQL on port {} with data in {} ({} ms)", postgres.getPort(), dir,
            (System.nanoTime() - started) / 1_000_000);
      } catch (IOException e) {
        throw new IllegalStateException("Embedded PostgreSQL did not start: " + e.getMessage(), e);
      }
      result = result.with("database.url", "postgresql://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres");
    }
    if (!settings.has("redis.url")) {
      int port = settings.port("redis.embedded.port", 63799);
      try {
        redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
            .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        LOG.info("Embedded Redis on port {}", port);
      } catch (IOException e) {
        throw new IllegalStateException("Embedded Redis did not start on port " + port + ": " + e.getMessage(), e);
      }
      result = result.with("redis.url", "redis://127.0.0.1:" + port);
    }
    return result;
  }

  @Override
  public void close() {
    try {
      if (redis != null) {
        redis.stop();
      }
    } catch (IOException e) {
      LOG.warn("Embedded Redis did not stop cleanly", e);
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
