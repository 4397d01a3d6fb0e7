package io.showfloor.commerce.payment;

import org.jspecify.annotations.Nullable;

/**
 * A refund as the provider recorded it; {@code succeeded} false means it failed and nothing moved.
 */
public record RefundResult(
    @Nullable String refundId,
    long amountCents,
    boolean succeeded,
    @Nullable String failureReason) {}
