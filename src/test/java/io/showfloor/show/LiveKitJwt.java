package io.showfloor.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livekit.server.AccessToken;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads LiveKit JWTs the way LiveKit does (HS256 over header.payload), and signs webhooks like
 * LiveKit.
 */
final class LiveKitJwt {
  private LiveKitJwt() {}

  /** The claims of a token, after checking its HS256 signature with the secret. */
  static JsonObject verifiedClaims(String jwt, String secret) {
    String[] parts = jwt.split("\\.");
    assertEquals(3, parts.length, "a JWT has three parts: " + jwt);
    JsonObject header =
        new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    assertEquals("HS256", header.getString("alg"));
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(hmac(secret, parts[0] + "." + parts[1]));
    assertEquals(expected, parts[2], "the token must be signed with the LiveKit secret");
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  /**
   * The Authorization header LiveKit sends with a webhook: a JWT from our key whose sha256 claim
   * covers the body.
   */
  static String webhookAuthorization(String body, String apiKey, String secret) {
    AccessToken token = new AccessToken(apiKey, secret);
    token.setSha256(Base64.getEncoder().encodeToString(sha256(body)));
    return token.toJwt();
  }

  private static byte[] hmac(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(String body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
