package io.showfloor.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens signed by hand with any claims, as someone holding the secret (or a buggy issuer)
 * could make them: to check what the server refuses, independently of the JWT library it uses.
 */
public final class HandSignedTokens {
  private HandSignedTokens() {}

  public static String sign(String secret, JsonObject claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString(
            new JsonObject()
                .put("alg", "HS256")
                .put("typ", "JWT")
                .encode()
                .getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8));
      return header + "." + payload + "." + b64.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared test node's signing secret. */
  public static String nodeSecret() {
    return TestNode.sharingInfrastructure("hand-signed-tokens").string("jwt.secret", null);
  }
}
