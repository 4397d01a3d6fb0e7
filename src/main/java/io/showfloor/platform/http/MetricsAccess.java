package io.showfloor.platform.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Who may read /metrics: this machine ({@link TcpPeer#isThisMachine}, never X-Forwarded-For), or a
 * scraper presenting {@code Authorization: Bearer <metrics.token>} (METRICS_TOKEN). Everyone else
 * is told nothing: 404 while no token is configured, 401 once one is (so a scraper sees its token
 * is wrong).
 */
final class MetricsAccess {
  enum Verdict {
    ALLOWED,
    UNAUTHORIZED,
    NOT_FOUND
  }

  private final byte @Nullable [] tokenDigest;

  MetricsAccess(@Nullable String token) {
    this.tokenDigest = token == null || token.isBlank() ? null : sha256("Bearer " + token.trim());
  }

  Verdict check(boolean fromThisMachine, String authorization) {
    if (tokenDigest != null
        && authorization != null
        // digests of equal length, compared in constant time: neither the token nor its length
        // leaks by timing
        && MessageDigest.isEqual(tokenDigest, sha256(authorization.trim()))) {
      return Verdict.ALLOWED;
    }
    if (fromThisMachine) {
      return Verdict.ALLOWED;
    }
    return tokenDigest == null ? Verdict.NOT_FOUND : Verdict.UNAUTHORIZED;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
