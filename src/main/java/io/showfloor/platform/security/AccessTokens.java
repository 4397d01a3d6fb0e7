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
import java.util.Set;

/** Short-lived HS256 access tokens: subject = user id, with roles and verification state as claims. */
public final class AccessTokens {
  private final JWTAuth jwt;
  private final int ttlSeconds;

  public AccessTokens(Vertx vertx, String secret, int ttlSeconds) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer("showfloor").setLeeway(5)));
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
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject p = user.principal();
      Set<String> roles = new HashSet<>();
      p.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
      return new Caller(Long.parseLong(p.getString("sub")), p.getString("name"), Set.copyOf(roles),
          p.getBoolean("ev", false), false);
    });
  }
}
