package io.showfloor.testing;

import io.showfloor.Showfloor;
import io.showfloor.platform.config.ConfigLoader;
import io.showfloor.platform.config.Settings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * The node every test talks to: started once per test run on real embedded PostgreSQL and Redis (or
 * DATABASE_URL / REDIS_URL when set), on free ports, with a fresh data directory.
 */
public final class TestNode {
  private static Showfloor shared;

  private TestNode() {}

  public static synchronized Showfloor get() {
    if (shared == null) {
      shared = Showfloor.start(settings(Path.of("target", "test-data", "shared"), true));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public static Api api() {
    return new Api("http://127.0.0.1:" + get().port());
  }

  /** Test settings: defaults + environment, free ports, a data directory under target/. */
  public static Settings settings(Path dataDir, boolean wipe) {
    if (wipe) {
      deleteRecursively(dataDir);
    }
    Vertx reader = Vertx.vertx();
    Settings settings;
    try {
      settings = ConfigLoader.load(reader, Path.of("config"), null, System.getenv());
    } finally {
      reader.close();
    }
    return settings
        .with("dataDir", dataDir.toAbsolutePath().toString())
        .with("http.port", freePort())
        .with("http.instances", 2)
        .with("database.embedded.port", freePort())
        .with("redis.embedded.port", freePort())
        // each test may act from its own client address (Api.from), so per-address rate limits do
        // not collide
        .with("http.trustProxy", true)
        .with("auctions.unpaidSweepMillis", 200)
        // the loyalty streak's watching threshold: two "minutes" of one second each
        .with("commerce.loyalty.streak.watchMinutes", 2)
        .with("commerce.loyalty.streak.minuteSeconds", 1)
        // tests move shipped_at back by commerce.autoDeliverDays and wait for the sweep
        .with("commerce.autoDeliverSweepSeconds", 1)
        // the withdrawal crowd test sends 100 requests of one user at once; WithdrawalTest checks
        // the limit at 150
        .with("wallet.withdrawals.requestsPerMinute", 150)
        // tournaments: the sweep and the house's bot at test speed (docs/TOURNAMENTS.md)
        .with("tournaments.sweepMillis", 250)
        .with("tournaments.bot.quoteEveryMillis", 150)
        // API keys of Free users keep the session allowance (ScopedApiKeysTest and the SDK tests
        // make many calls a minute); SubscriptionLimitsTest fills the minute's counter instead
        .with("subscriptions.plans.free.requestsPerMinute", 3000)
        .with("subscriptions.plans.pro.requestsPerMinute", 6000)
        .with("subscriptions.sweepMillis", 300)
        .with("admin.email", "admin@showfloor.test")
        .with("admin.password", "Admin-password-1");
  }

  /**
   * Settings for one more node on the shared node's PostgreSQL, Redis and JWT secret (so tokens
   * from {@link Users} work on it too): it starts in seconds, without embedded servers.
   */
  public static Settings sharingInfrastructure(String name) {
    Settings shared = get().platform().settings();
    String secret = shared.string("jwt.secret", null);
    if (secret == null) {
      try {
        secret = Files.readString(shared.dataDir().resolve("jwt-secret")).trim();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return settings(Path.of("target", "test-data", name), true)
        .with("database.url", shared.string("database.url", null))
        .with("redis.url", shared.string("redis.url", null))
        .with("jwt.secret", secret);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> env() {
    return System.getenv();
  }
}
