package io.showfloor.commerce.payment;

/**
 * A transfer as the provider answered it: {@code succeeded} with its id, or refused with a reason
 * (nothing moved). {@code note} says what the provider is when it moves no real money.
 */
public record TransferResult(String transferId, boolean succeeded, String failureReason, String note) {}
