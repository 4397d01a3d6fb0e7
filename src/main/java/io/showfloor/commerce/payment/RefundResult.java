package io.showfloor.commerce.payment;

/** A refund as the provider recorded it; {@code succeeded} false means it failed and nothing moved. */
public record RefundResult(String refundId, long amountCents, boolean succeeded, String failureReason) {}
