package io.showfloor.commerce.payment;

import org.jspecify.annotations.Nullable;

/**
 * A transfer as the provider answered it: {@code succeeded} with its id, or refused with a reason
 * (nothing moved). {@code note} says what the provider is when it moves no real money.
 */
public record TransferResult(
    @Nullable String transferId,
    boolean succeeded,
    @Nullable String failureReason,
    @Nullable String note) {}
