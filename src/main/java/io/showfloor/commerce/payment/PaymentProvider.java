package io.showfloor.commerce.payment;

import io.vertx.core.Future;

/**
 * The payment port. {@link StripePayments} talks to Stripe; {@link SandboxPayments} is used when no
 * Stripe key is configured and says so in every answer ({@code provider: "sandbox"}). Every call
 * that moves money carries an idempotency key, so a retry after a timeout never charges or refunds
 * twice.
 */
public interface PaymentProvider {
  /**
   * {@code "stripe"} or {@code "sandbox"}; also names the provider's clearing account in the
   * ledger.
   */
  String name();

  /**
   * Creates a payment for {@code amountCents} and, when a payment method is given, confirms it at
   * once. Without one the answer carries a client secret for the browser to confirm.
   */
  Future<PaymentResult> pay(PaymentRequest request);

  /**
   * True when {@link #pay} answers in this process without moving real money (the sandbox), so a
   * checkout may ask it inside its first database transaction and commit the order and its payment
   * together. A real provider is always asked outside any transaction (a charge cannot be rolled
   * back with the database), so this is false by default.
   */
  default boolean answersInProcess() {
    return false;
  }

  /** The current state of a payment (to reconcile after a timeout or an out-of-order webhook). */
  Future<PaymentResult> retrieve(String paymentId);

  /** Refunds part or all of a succeeded payment. */
  Future<RefundResult> refund(RefundRequest request);

  /** A customer record for a user, so cards can be saved on it; the caller stores the id. */
  Future<String> createCustomer(long userId, String email, String idempotencyKey);

  /** Starts saving a card for off-session charges (a Stripe SetupIntent on the customer). */
  Future<CardSetup> setUpCard(String customerId, String paymentMethodId, String idempotencyKey);

  /**
   * Pays a seller or creator out of the platform's provider balance (a Stripe Connect transfer). A
   * refusal (unknown account, insufficient platform balance) is a result, not a failure; a failed
   * future means the provider could not be reached and the call may be retried with the key.
   */
  Future<TransferResult> transfer(TransferRequest request);

  /**
   * Creates a Stripe Connect Express account for a user who wants to withdraw (key {@code
   * connect-account-<userId>}, so a retry makes one account); answers its {@code acct_} id. The
   * sandbox pays out without a bank account, so it has nothing to connect.
   */
  default Future<String> createConnectedAccount(long userId, String email, String idempotencyKey) {
    return Future.failedFuture(
        io.showfloor.platform.Refused.conflict(
            "onboarding_unavailable",
            "The " + name() + " provider pays out without connecting a bank account"));
  }

  /** A one-time onboarding link (Stripe account link) for a connected account. */
  default Future<String> onboardingLink(String accountId, String refreshUrl, String returnUrl) {
    return Future.failedFuture(
        io.showfloor.platform.Refused.conflict(
            "onboarding_unavailable",
            "The " + name() + " provider pays out without connecting a bank account"));
  }

  /**
   * Pays {@code amountCents} from a connected account's balance to its bank (a Stripe payout made
   * on the connected account), after a {@link #transfer} put the money there; answers the payout
   * id, whose end the {@code payout.paid} / {@code payout.failed} webhooks report. Null when the
   * provider has no separate bank step (the sandbox: the transfer is the payout).
   */
  default Future<String> bankPayout(
      String accountId,
      long amountCents,
      String currency,
      java.util.Map<String, String> metadata,
      String idempotencyKey) {
    return Future.succeededFuture(null);
  }

  /**
   * Takes a transfer back from the connected account to the platform's balance (after its bank
   * payout failed).
   */
  default Future<Void> reverseTransfer(String transferId, String idempotencyKey) {
    return Future.succeededFuture();
  }
}
