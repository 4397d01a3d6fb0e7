package io.showfloor.commerce.payment;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.Transfer;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.TransferCreateParams;
import io.showfloor.platform.infra.Stripe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * Payments through Stripe with stripe-java. The SDK blocks (HttpURLConnection), so every call runs
 * on a worker thread, unordered so calls proceed in parallel. Every call that creates or moves
 * something sends an Idempotency-Key, and the SDK retries network failures with it. The API base is
 * configurable (STRIPE_API_BASE) so tests reach a local fake of the Stripe API.
 */
public final class StripePayments implements PaymentProvider {
  public static final String NAME = "stripe";
  private final Vertx vertx;
  private final StripeClient stripe;

  public StripePayments(Vertx vertx, @Nullable String secretKey, @Nullable String apiBase) {
    this.vertx = vertx;
    this.stripe = Stripe.client(secretKey, apiBase);
  }

  @Override
  public String name() {
    return NAME;
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false);
  }

  @Override
  public Future<PaymentResult> pay(PaymentRequest request) {
    return blocking(
        () -> {
          PaymentIntentCreateParams.Builder params =
              PaymentIntentCreateParams.builder()
                  .setAmount(request.amountCents())
                  .setCurrency(request.currency())
                  .setDescription(request.description())
                  .putAllMetadata(request.metadata());
          if (request.customerId() != null) {
            params.setCustomer(request.customerId());
          }
          // confirmed on the server: no redirect-based methods, so no return_url is needed
          params.setAutomaticPaymentMethods(
              PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                  .setEnabled(true)
                  .setAllowRedirects(
                      request.paymentMethodId() != null
                          ? PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER
                          : PaymentIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.ALWAYS)
                  .build());
          if (request.paymentMethodId() != null) {
            // expanded so the answer carries the card's fingerprint (market surveillance)
            params
                .setPaymentMethod(request.paymentMethodId())
                .setConfirm(true)
                .addExpand("payment_method");
            if (request.offSession()) {
              params.setOffSession(true);
            }
          }
          try {
            PaymentIntent intent =
                stripe
                    .v1()
                    .paymentIntents()
                    .create(params.build(), Stripe.idempotent(request.idempotencyKey()));
            PaymentMethod method = intent.getPaymentMethodObject();
            return toResult(intent)
                .withCardFingerprint(
                    method != null && method.getCard() != null
                        ? method.getCard().getFingerprint()
                        : null);
          } catch (CardException declined) {
            PaymentIntent intent =
                declined.getStripeError() == null
                    ? null
                    : declined.getStripeError().getPaymentIntent();
            String code =
                declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
            return new PaymentResult(
                intent == null ? null : intent.getId(),
                PaymentStatus.DECLINED,
                request.amountCents(),
                null,
                code,
                declined.getStripeError() == null
                    ? declined.getMessage()
                    : declined.getStripeError().getMessage());
          } catch (InvalidRequestException invalid) {
            if ("payment_method".equals(invalid.getParam())
                || "resource_missing".equals(invalid.getCode())) {
              return new PaymentResult(
                  null,
                  PaymentStatus.INVALID_METHOD,
                  request.amountCents(),
                  null,
                  invalid.getCode(),
                  invalid.getStripeError() == null
                      ? invalid.getMessage()
                      : invalid.getStripeError().getMessage());
            }
            throw invalid;
          }
        });
  }

  @Override
  public Future<PaymentResult> retrieve(String paymentId) {
    return blocking(() -> toResult(stripe.v1().paymentIntents().retrieve(paymentId)));
  }

  static PaymentResult toResult(PaymentIntent intent) {
    PaymentStatus status =
        switch (intent.getStatus()) {
          case "succeeded" -> PaymentStatus.SUCCEEDED;
          case "requires_action", "requires_confirmation" -> PaymentStatus.REQUIRES_ACTION;
          case "processing", "requires_capture" -> PaymentStatus.PROCESSING;
          case "canceled" -> PaymentStatus.CANCELED;
          default ->
              intent.getLastPaymentError() != null
                  ? PaymentStatus.DECLINED
                  : PaymentStatus.REQUIRES_PAYMENT_METHOD;
        };
    var error = intent.getLastPaymentError();
    String code =
        error == null
            ? null
            : (error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode());
    return new PaymentResult(
        intent.getId(),
        status,
        intent.getAmount() == null ? 0 : intent.getAmount(),
        status.pending() ? intent.getClientSecret() : null,
        code,
        error == null ? null : error.getMessage());
  }

  @Override
  public Future<RefundResult> refund(RefundRequest request) {
    return blocking(
        () -> {
          RefundCreateParams params =
              RefundCreateParams.builder()
                  .setPaymentIntent(request.paymentId())
                  .setAmount(request.amountCents())
                  .setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                  .putMetadata("reason", request.reason() == null ? "" : request.reason())
                  .build();
          try {
            Refund refund =
                stripe.v1().refunds().create(params, Stripe.idempotent(request.idempotencyKey()));
            // a card refund is "pending" until the network settles it; Stripe has accepted it
            // either way
            boolean accepted =
                "succeeded".equals(refund.getStatus()) || "pending".equals(refund.getStatus());
            return new RefundResult(
                refund.getId(),
                refund.getAmount(),
                accepted,
                accepted ? null : refund.getFailureReason());
          } catch (InvalidRequestException refused) {
            return new RefundResult(null, request.amountCents(), false, refused.getMessage());
          }
        });
  }

  @Override
  public Future<String> createCustomer(long userId, String email, String idempotencyKey) {
    return blocking(() -> Stripe.createCustomer(stripe, userId, email, idempotencyKey));
  }

  @Override
  public Future<CardSetup> setUpCard(
      String customerId, String paymentMethodId, String idempotencyKey) {
    return blocking(
        () -> {
          SetupIntentCreateParams.Builder params =
              SetupIntentCreateParams.builder()
                  .setCustomer(customerId)
                  .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                  .addExpand("payment_method");
          if (paymentMethodId != null) {
            params
                .setPaymentMethod(paymentMethodId)
                .setConfirm(true)
                .setAutomaticPaymentMethods(
                    SetupIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .setAllowRedirects(
                            SetupIntentCreateParams.AutomaticPaymentMethods.AllowRedirects.NEVER)
                        .build());
          }
          try {
            SetupIntent setup =
                stripe
                    .v1()
                    .setupIntents()
                    .create(params.build(), Stripe.idempotent(idempotencyKey));
            boolean ready = "succeeded".equals(setup.getStatus());
            PaymentMethod method = setup.getPaymentMethodObject();
            String brand =
                method != null && method.getCard() != null ? method.getCard().getBrand() : null;
            String last4 =
                method != null && method.getCard() != null ? method.getCard().getLast4() : null;
            String fingerprint =
                method != null && method.getCard() != null
                    ? method.getCard().getFingerprint()
                    : null;
            return new CardSetup(
                setup.getId(),
                ready ? null : setup.getClientSecret(),
                setup.getPaymentMethod(),
                ready,
                brand,
                last4,
                fingerprint);
          } catch (CardException declined) {
            SetupIntent setup =
                declined.getStripeError() == null
                    ? null
                    : declined.getStripeError().getSetupIntent();
            return new CardSetup(
                setup == null ? null : setup.getId(), null, null, false, null, null);
          }
        });
  }

  /** A Connect transfer from the platform balance to the payee's connected account. */
  @Override
  public Future<TransferResult> transfer(TransferRequest request) {
    return blocking(
        () -> {
          TransferCreateParams params =
              TransferCreateParams.builder()
                  .setAmount(request.amountCents())
                  .setCurrency(request.currency())
                  .setDestination(request.destination())
                  .setDescription(request.description())
                  .putAllMetadata(request.metadata())
                  .build();
          try {
            Transfer transfer =
                stripe.v1().transfers().create(params, Stripe.idempotent(request.idempotencyKey()));
            return new TransferResult(transfer.getId(), true, null, null);
          } catch (InvalidRequestException refused) {
            // no such account, a balance too low, a currency the account cannot take: nothing moved
            return new TransferResult(
                null,
                false,
                refused.getStripeError() == null
                    ? refused.getMessage()
                    : refused.getStripeError().getMessage(),
                null);
          }
        });
  }

  /**
   * A Stripe Connect Express account for a user's withdrawals (Stripe collects the bank details).
   */
  @Override
  public Future<String> createConnectedAccount(long userId, String email, String idempotencyKey) {
    return blocking(
        () ->
            stripe
                .v1()
                .accounts()
                .create(
                    com.stripe.param.AccountCreateParams.builder()
                        .setType(com.stripe.param.AccountCreateParams.Type.EXPRESS)
                        .setEmail(email)
                        .putMetadata("userId", String.valueOf(userId))
                        .build(),
                    Stripe.idempotent(idempotencyKey))
                .getId());
  }

  @Override
  public Future<String> onboardingLink(String accountId, String refreshUrl, String returnUrl) {
    return blocking(
        () ->
            stripe
                .v1()
                .accountLinks()
                .create(
                    com.stripe.param.AccountLinkCreateParams.builder()
                        .setAccount(accountId)
                        .setRefreshUrl(refreshUrl)
                        .setReturnUrl(returnUrl)
                        .setType(com.stripe.param.AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
                        .build())
                .getUrl());
  }

  /**
   * A payout created on the connected account (Stripe-Account header), so its webhooks name our
   * withdrawal.
   */
  @Override
  public Future<String> bankPayout(
      String accountId,
      long amountCents,
      String currency,
      Map<String, String> metadata,
      String idempotencyKey) {
    return blocking(
        () ->
            stripe
                .v1()
                .payouts()
                .create(
                    com.stripe.param.PayoutCreateParams.builder()
                        .setAmount(amountCents)
                        .setCurrency(currency)
                        .putAllMetadata(metadata)
                        .build(),
                    RequestOptions.builder()
                        .setStripeAccount(accountId)
                        .setIdempotencyKey(idempotencyKey)
                        .build())
                .getId());
  }

  @Override
  public Future<Void> reverseTransfer(String transferId, String idempotencyKey) {
    return blocking(
        () -> {
          stripe
              .v1()
              .transfers()
              .reversals()
              .create(
                  transferId,
                  com.stripe.param.TransferReversalCreateParams.builder().build(),
                  Stripe.idempotent(idempotencyKey));
          return null;
        });
  }
}
