package io.showfloor.platform.security;

import io.showfloor.platform.infra.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which device each account calls from, an owner signal for wash detection (the market's {@code
 * shared_device} rule). A client names its device with {@code X-Device-Id} (8 to 128 letters,
 * digits, {@code -} or {@code _}; anything else is ignored, never refused); only its SHA-256 is
 * stored, in {@code device_sightings}. Each HTTP verticle remembers what it wrote in the last hour,
 * so a busy caller costs one write an hour, not one per request.
 */
public final class DeviceSightings {
  public static final String HEADER = "X-Device-Id";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{8,128}");
  private static final long REFRESH_MILLIS = 3_600_000;
  private static final int REMEMBERED = 10_000;
  private static final String SEEN =
      """
      INSERT INTO device_sightings (user_id, device_hash, via) VALUES ($1, $2, $3)
      ON CONFLICT (user_id, device_hash, via) DO UPDATE SET last_seen_at = now()""";

  private final Database db;
  private final Map<String, Long> written =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED;
        }
      };

  public DeviceSightings(Database db) {
    this.db = db;
  }

  /** Records that {@code caller} called from the device {@code rawId} names, if it names one. */
  public Future<Void> saw(Caller caller, @Nullable String rawId) {
    if (caller.isAnonymous() || rawId == null || !VALID.matcher(rawId).matches()) {
      return Future.succeededFuture();
    }
    String hash = hash(rawId);
    String via = caller.viaApiKey() ? "api_key" : "session";
    String key = caller.userId() + ":" + via + ":" + hash;
    long now = System.currentTimeMillis();
    Long last = written.get(key);
    if (last != null && now - last < REFRESH_MILLIS) {
      return Future.succeededFuture();
    }
    written.put(key, now);
    return db.query(SEEN, Tuple.of(caller.userId(), hash, via)).mapEmpty();
  }

  static String hash(String rawId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(rawId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
