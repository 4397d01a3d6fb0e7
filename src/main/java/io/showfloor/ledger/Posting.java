package io.showfloor.ledger;

/**
 * The result of posting: the transaction's id, and whether it had already been posted under its
 * key.
 */
public record Posting(String idempotencyKey, long transactionId, boolean duplicate) {}
