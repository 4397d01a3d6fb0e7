package io.showfloor.commerce.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Which card each user has saved or paid a deposit with, by the provider's card fingerprint: the
 * same card number gives the same fingerprint for every customer (Stripe's {@code
 * card.fingerprint}; the sandbox derives one from the test card it was given). Market surveillance
 * reads it to flag trades between accounts sharing a payment method.
 */
public final class PaymentFingerprints {
  private static final String SANDBOX_PREFIX = "sandbox_fp_";
  private static final String RECORD =
      """
      INSERT INTO payment_method_fingerprints (user_id, provider, fingerprint, payment_method_id, source)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, provider, fingerprint) DO NOTHING""";

  private PaymentFingerprints() {}

  /**
   * Notes that the user has used the card; the first use is kept. Nothing to note without a
   * fingerprint.
   */
  public static Future<Void> record(
      SqlClient client,
      long userId,
      String provider,
      @Nullable String fingerprint,
      @Nullable String paymentMethodId,
      String source) {
    if (fingerprint == null) {
      return Future.succeededFuture();
    }
    return client
        .preparedQuery(RECORD)
        .execute(Tuple.of(userId, provider, fingerprint, paymentMethodId, source))
        .mapEmpty();
  }

  /**
   * The sandbox's fingerprint of a test card: a hash of Stripe's test id ({@code pm_card_visa}), so
   * two users giving the same test card share it, as two Stripe customers with one card number do.
   * A card the sandbox saved carries its fingerprint in its id (see {@link #sandboxSavedMethodId}).
   */
  static @Nullable String sandbox(String paymentMethodId) {
    if (paymentMethodId.startsWith(SandboxPayments.SAVED_PREFIX)) {
      String rest = paymentMethodId.substring(SandboxPayments.SAVED_PREFIX.length());
      int cut = rest.indexOf('_');
      return cut > 0 ? SANDBOX_PREFIX + rest.substring(0, cut) : null;
    }
    return SANDBOX_PREFIX + sha256(paymentMethodId).substring(0, 16);
  }

  /** A saved sandbox card's payment method id: its fingerprint, then a random part. */
  static String sandboxSavedMethodId(String fingerprint, String random) {
    return SandboxPayments.SAVED_PREFIX
        + fingerprint.substring(SANDBOX_PREFIX.length())
        + "_"
        + random;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
