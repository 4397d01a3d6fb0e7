package io.showfloor.commerce.payment;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local payment provider used when no Stripe key is configured. It moves no real money and says
 * so: its name is {@code sandbox} and it appears in every payment the API shows. It honours
 * Stripe's test payment-method ids: {@code pm_card_visa} (and the other plain test cards) succeed
 * at once, {@code pm_card_chargeDeclined…} are declined with Stripe's decline codes, {@code
 * pm_card_authenticationRequired} needs an action nobody can take here (so the payment stays
 * pending until it expires), and any other id is refused as unknown. A payment with no method
 * completes at once, as if paid with {@code pm_card_visa}.
 *
 * <p>Idempotency keys are remembered in memory on this node (the last 100,000), like Stripe's: a
 * retried call answers what the first one did.
 */
public final class SandboxPayments implements PaymentProvider {
  public static final String NAME = "sandbox";
  private static final Map<String, String[]> DECLINES =
      Map.of(
          "pm_card_chargeDeclined", new String[] {"generic_decline", "Your card was declined."},
          "pm_card_chargeDeclinedInsufficientFunds",
              new String[] {"insufficient_funds", "Your card has insufficient funds."},
          "pm_card_chargeDeclinedLostCard", new String[] {"lost_card", "Your card was declined."},
          "pm_card_chargeDeclinedStolenCard",
              new String[] {"stolen_card", "Your card was declined."},
          "pm_card_chargeDeclinedExpiredCard",
              new String[] {"expired_card", "Your card has expired."},
          "pm_card_chargeDeclinedIncorrectCvc",
              new String[] {"incorrect_cvc", "Your card's security code is incorrect."},
          "pm_card_chargeDeclinedProcessingError",
              new String[] {"processing_error", "An error occurred while processing your card."},
          "pm_card_chargeDeclinedFraudulent",
              new String[] {"fraudulent", "Your card was declined."});
  private static final java.util.Set<String> GOOD_CARDS =
      java.util.Set.of(
          "pm_card_visa",
          "pm_card_visa_debit",
          "pm_card_mastercard",
          "pm_card_mastercard_debit",
          "pm_card_amex",
          "pm_card_discover",
          "pm_card_diners",
          "pm_card_jcb",
          "pm_card_unionpay",
          "pm_card_us");
  private static final java.util.Set<String> NEEDS_ACTION =
      java.util.Set.of(
          "pm_card_authenticationRequired",
          "pm_card_threeDSecure2Required",
          "pm_card_threeDSecureRequired");
  // computed once: hashing the card id was a visible share of a sandbox checkout's CPU
  private static final Map<String, String> GOOD_CARD_FINGERPRINTS =
      GOOD_CARDS.stream()
          .collect(
              java.util.stream.Collectors.toUnmodifiableMap(
                  card -> card, PaymentFingerprints::sandbox));
  private static final int REMEMBERED_KEYS = 100_000;
  static final String SAVED_PREFIX = "pm_sandbox_saved_";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Object> byIdempotencyKey =
      Collections.synchronizedMap(
          new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
              return size() > REMEMBERED_KEYS;
            }
          });
  private final Map<String, PaymentResult> payments =
      Collections.synchronizedMap(
          new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PaymentResult> eldest) {
              return size() > REMEMBERED_KEYS;
            }
          });

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Decided in memory: nothing outside this process was charged, so a rolled-back checkout loses
   * nothing.
   */
  @Override
  public boolean answersInProcess() {
    return true;
  }

  @Override
  public Future<PaymentResult> pay(PaymentRequest request) {
    PaymentResult result =
        (PaymentResult)
            byIdempotencyKey.computeIfAbsent(
                "pay:" + request.idempotencyKey(), k -> decide(request));
    payments.put(result.paymentId(), result);
    return Future.succeededFuture(result);
  }

  private PaymentResult decide(PaymentRequest request) {
    String id = "sandbox_pi_" + token(12);
    String method = request.paymentMethodId() == null ? "pm_card_visa" : request.paymentMethodId();
    if (GOOD_CARDS.contains(method) || method.startsWith(SAVED_PREFIX)) {
      // no card named: the sandbox's implicit visa stands for no card in particular, so no
      // fingerprint
      String fingerprint =
          request.paymentMethodId() == null
              ? null
              : GOOD_CARD_FINGERPRINTS.containsKey(method)
                  ? GOOD_CARD_FINGERPRINTS.get(method)
                  : PaymentFingerprints.sandbox(method);
      return new PaymentResult(id, PaymentStatus.SUCCEEDED, request.amountCents(), null, null, null)
          .withCardFingerprint(fingerprint);
    }
    String[] decline = DECLINES.get(method);
    if (decline != null) {
      return new PaymentResult(
          id, PaymentStatus.DECLINED, request.amountCents(), null, decline[0], decline[1]);
    }
    if (NEEDS_ACTION.contains(method)) {
      return new PaymentResult(
          id,
          PaymentStatus.REQUIRES_ACTION,
          request.amountCents(),
          id + "_secret_" + token(8),
          "authentication_required",
          "The sandbox cannot authenticate cards");
    }
    return new PaymentResult(
        id,
        PaymentStatus.INVALID_METHOD,
        request.amountCents(),
        null,
        "resource_missing",
        "No such payment method: '"
            + method
            + "' (the sandbox knows Stripe's test ids such as pm_card_visa)");
  }

  @Override
  public Future<PaymentResult> retrieve(String paymentId) {
    PaymentResult known = payments.get(paymentId);
    return known != null
        ? Future.succeededFuture(known)
        : Future.failedFuture(
            new IllegalArgumentException("The sandbox does not know payment " + paymentId));
  }

  @Override
  public Future<RefundResult> refund(RefundRequest request) {
    RefundResult result =
        (RefundResult)
            byIdempotencyKey.computeIfAbsent(
                "refund:" + request.idempotencyKey(),
                k ->
                    new RefundResult("sandbox_re_" + token(12), request.amountCents(), true, null));
    return Future.succeededFuture(result);
  }

  @Override
  public Future<String> createCustomer(long userId, String email, String idempotencyKey) {
    return Future.succeededFuture(
        (String)
            byIdempotencyKey.computeIfAbsent(
                "customer:" + idempotencyKey, k -> "sandbox_cus_" + token(10)));
  }

  @Override
  public Future<CardSetup> setUpCard(
      String customerId, String paymentMethodId, String idempotencyKey) {
    return Future.succeededFuture(
        (CardSetup)
            byIdempotencyKey.computeIfAbsent(
                "setup:" + idempotencyKey,
                k -> {
                  String method = paymentMethodId == null ? "pm_card_visa" : paymentMethodId;
                  if (!GOOD_CARDS.contains(method)) {
                    return new CardSetup(
                        "sandbox_seti_" + token(10), null, null, false, null, null);
                  }
                  String brand = method.replace("pm_card_", "").replace("_debit", "");
                  if (paymentMethodId == null) {
                    return new CardSetup(
                        "sandbox_seti_" + token(10),
                        null,
                        SAVED_PREFIX + token(10),
                        true,
                        brand,
                        "4242");
                  }
                  // a plain test card (checked above) always has one; only a saved id can lack it
                  String fingerprint =
                      java.util.Objects.requireNonNull(PaymentFingerprints.sandbox(method));
                  return new CardSetup(
                      "sandbox_seti_" + token(10),
                      null,
                      PaymentFingerprints.sandboxSavedMethodId(fingerprint, token(6)),
                      true,
                      brand,
                      "4242",
                      fingerprint);
                }));
  }

  /** Marks the payout paid at once; no money moves, and the answer says so. */
  @Override
  public Future<TransferResult> transfer(TransferRequest request) {
    return Future.succeededFuture(
        (TransferResult)
            byIdempotencyKey.computeIfAbsent(
                "transfer:" + request.idempotencyKey(),
                k ->
                    new TransferResult(
                        "sandbox_tr_" + token(12),
                        true,
                        null,
                        "Sandbox provider: marked paid, no money was moved")));
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
