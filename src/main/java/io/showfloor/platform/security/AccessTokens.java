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

/**
 * Short-lived HS256 access tokens: subject = user id, with roles, verification state and the user's
 * credentials version ({@code cv}) as claims. The version is compared with the user's current one
 * on every request ({@link CredentialsAuthenticator}), which is how a token ends before it expires.
 */
public final class AccessTokens {
  // ~650 bytes an entry: about 13 MB when full
  private static final int MAX_REMEMBERED = 20_000;
  private final JWTAuth jwt;
  private final int ttlSeconds;
  private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

  /**
   * A token whose signature, issuer and lifetime were checked: who it speaks for, and the
   * credentials version it carries.
   */
  public record Verified(Caller caller, long credentialsVersion) {}

  public AccessTokens(Vertx vertx, String secret, int ttlSeconds) {
    this(vertx, secret, ttlSeconds, 5);
  }

  /**
   * {@code leewaySeconds}: how long after its expiry a token is still accepted (clock skew between
   * nodes).
   */
  AccessTokens(Vertx vertx, String secret, int ttlSeconds, int leewaySeconds) {
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer("showfloor").setLeeway(leewaySeconds)));
    this.ttlSeconds = ttlSeconds;
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  /**
   * {@code credentialsVersion}: the user's {@code users.credentials_version} as read when the token
   * is issued.
   */
  public String issue(
      long userId,
      long credentialsVersion,
      String displayName,
      Set<String> roles,
      boolean emailVerified) {
    JsonObject claims =
        new JsonObject()
            .put("sub", String.valueOf(userId))
            .put("cv", credentialsVersion)
            .put("name", displayName)
            .put("roles", new JsonArray(roles.stream().sorted().toList()))
            .put("ev", emailVerified);
    return jwt.generateToken(
        claims,
        new JWTOptions()
            .setAlgorithm("HS256")
            .setIssuer("showfloor")
            .setExpiresInSeconds(ttlSeconds));
  }

  /**
   * Checks the signature, issuer and expiry. vertx-auth-jwt only checks {@code exp} when a token
   * has one, so a token without {@code exp} (it would never expire) or without {@code cv} (it could
   * never be revoked) is refused here.
   */
  public Future<Verified> verify(String token) {
    Remembered known = verified.get(token);
    if (known != null && System.currentTimeMillis() < known.expiresAtMillis()) {
      return Future.succeededFuture(known.token());
    }
    return jwt.authenticate(new TokenCredentials(token))
        .compose(
            user -> {
              // the whole payload: vertx-auth-jwt moves exp, iat and nbf out of the principal
              JsonObject p = user.attributes().getJsonObject("accessToken", new JsonObject());
              if (!(p.getValue("exp") instanceof Number exp)
                  || !(p.getValue("cv") instanceof Number cv)
                  || !(p.getValue("sub") instanceof String sub)) {
                return Future.failedFuture(
                    new IllegalArgumentException("The token lacks exp, cv or sub"));
              }
              Set<String> roles = new HashSet<>();
              p.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
              Caller caller =
                  new Caller(
                      Long.parseLong(sub),
                      p.getString("name"),
                      Set.copyOf(roles),
                      p.getBoolean("ev", false),
                      false);
              Verified verifiedToken = new Verified(caller, cv.longValue());
              remember(token, verifiedToken, exp.longValue());
              return Future.succeededFuture(verifiedToken);
            });
  }

  /**
   * A token's signature and claims never change, so a verified token is remembered until it expires
   * (without the leeway): the HMAC, base64 and JSON work of a verification is then paid once per
   * token and node instead of on every request. What is remembered is only what the token says:
   * whether its credentials version is still the user's is checked on every request, after this.
   * Clearing the whole map when it is full keeps this simple and bounded; the next request of each
   * client verifies once more.
   */
  private void remember(String token, Verified verifiedToken, long expiresAtSeconds) {
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(token, new Remembered(verifiedToken, expiresAtSeconds * 1000));
  }

  private record Remembered(Verified token, long expiresAtMillis) {}
}
