package io.showfloor.platform.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Short-lived HS256 access tokens: subject = user id, with roles and verification state as claims. */
public final class AccessTokens {
  // ~650 bytes an entry: about 13 MB when full
  private static final int MAX_REMEMBERED = 20_000;
  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  public AccessTokens(Vertx vertx, String secret, int ttlSeconds) {
    this(vertx, secret, ttlSeconds, 5);
  }

  /** {@code leewaySeconds}: how long after its expiry a token is still accepted (clock skew between nodes). */
  AccessTokens(Vertx vertx, String secret, int ttlSeconds, int leewaySeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer("showfloor").setLeeway(leewaySeconds)));
    this.ttlSeconds = ttlSeconds;
  }

  public int ttlSeconds() { return ttlSeconds; }

  public String issue(long userId, String displayName, Set<String> roles, boolean emailVerified) {
    JsonObject claims = new JsonObject()
        .put("sub", String.valueOf(userId))
        .put("name", displayName)
        .put("roles", new JsonArray(roles.stream().sorted().toList()))
        .put("ev", emailVerified);
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer("showfloor")
        .setExpiresInSeconds(ttlSeconds));
  }

  public Future<Caller> verify(String token) {
    Verified known = verified.get(token);
    if (known != null && System.currentTimeMillis() < known.expiresAtMillis()) {
      return Future.succeededFuture(known.caller());
    }
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject p = user.principal();
      Set<String> roles = new HashSet<>();
      p.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
      Caller caller = new Caller(Long.parseLong(p.getString("sub")), p.getString("name"), Set.copyOf(roles),
          p.getBoolean("ev", false), false);
      remember(token, caller, p.getLong("exp", 0L));
      return caller;
    });
  }

  /**
   * A token's signature and claims never change, so a verified token is remembered until it expires
   * (without the leeway): the HMAC, base64 and JSON work of a verification is then paid once per token
   * and node instead of on every request. Clearing the whole map when it is full keeps this simple and
   * bounded; the next request of each client verifies once more.
   */
  private void remember(String token, Caller caller, long expiresAtSeconds) {
    if (expiresAtSeconds <= 0) {
      return;
    }
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(token, new Verified(caller, expiresAtSeconds * 1000));
  }

  private record Verified(Caller caller, long expiresAtMillis) {}
}
