package io.showfloor.auction;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A draw anyone can check. When a giveaway opens, SHA-256(seed) is published; when it closes the
 * seed is published and the winner is entry number {@code 1 + (first 8 bytes of SHA-256(seed + ":"
 * + entrantCount), unsigned) mod entrantCount}. The host cannot pick the seed after seeing the
 * entrants, and nobody can predict it before.
 */
final class GiveawayDraw {
  private static final SecureRandom RANDOM = new SecureRandom();

  private GiveawayDraw() {}

  static String newSeed() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String hash(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }

  /** The winning entry number (1-based) among {@code entrantCount} entries. */
  static int winningEntry(String seed, int entrantCount) {
    if (entrantCount <= 0) {
      throw new IllegalArgumentException("nobody entered");
    }
    byte[] digest = sha256(seed + ":" + entrantCount);
    BigInteger first8 = new BigInteger(1, java.util.Arrays.copyOf(digest, 8));
    return first8.mod(BigInteger.valueOf(entrantCount)).intValue() + 1;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
