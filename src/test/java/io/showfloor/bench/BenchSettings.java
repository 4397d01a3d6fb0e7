package io.showfloor.bench;

import io.showfloor.platform.config.Settings;
import io.showfloor.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark node's settings: the test node's (free ports, embedded servers, a fresh data folder)
 * with the background work it runs at test speed put back at the production pace of
 * config/default.json. At test speed the sweeps and the tournament house's bot made 417 commits/s
 * and used 280 ms of CPU per second on an idle node (bench/README.md, issue 18), which a benchmark
 * would otherwise charge to the operation it measures.
 */
final class BenchSettings {
  /** The keys {@link TestNode#settings} speeds up for tests. */
  private static final List<String> PRODUCTION_PACE =
      List.of(
          "auctions.unpaidSweepMillis",
          "commerce.loyalty.streak.watchMinutes",
          "commerce.loyalty.streak.minuteSeconds",
          "commerce.autoDeliverSweepSeconds",
          "tournaments.sweepMillis",
          "tournaments.bot.quoteEveryMillis",
          "subscriptions.sweepMillis");

  private BenchSettings() {}

  static Settings of(Path dataDir) {
    Settings settings = TestNode.settings(dataDir, true);
    JsonObject defaults;
    try {
      defaults = new JsonObject(Files.readString(Path.of("config", "default.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : PRODUCTION_PACE) {
      settings = settings.with(key, valueAt(defaults, key));
    }
    return settings;
  }

  private static Object valueAt(JsonObject root, String key) {
    String[] parts = key.split("\\.");
    JsonObject node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    Object value = node.getValue(parts[parts.length - 1]);
    if (value == null) {
      throw new IllegalStateException("config/default.json has no " + key);
    }
    return value;
  }
}
