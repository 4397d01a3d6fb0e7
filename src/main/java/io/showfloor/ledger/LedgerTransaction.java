package io.showfloor.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One balanced money movement: its entries sum to zero. Build it with {@link #builder}; the
 * constructor refuses an unbalanced or empty transaction, so one can never reach the database.
 *
 * @param kind what happened, for reports: {@code order_payment}, {@code refund}, {@code deposit} …
 * @param idempotencyKey unique over the whole ledger; posting the same key twice posts once
 * @param reference what caused it ({@code order:12}); free text (not indexed: no query looks it up)
 */
public record LedgerTransaction(
    String kind,
    String idempotencyKey,
    @Nullable String reference,
    @Nullable String memo,
    List<LedgerEntry> entries) {
  /** Larger than any real movement; keeps sums far from overflowing a long. */
  public static final long MAX_AMOUNT_CENTS = 1_000_000_000_000L;

  public LedgerTransaction {
    if (kind == null || kind.isBlank() || kind.length() > 60) {
      throw new IllegalArgumentException("A ledger transaction needs a kind of 1 to 60 characters");
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new IllegalArgumentException(
          "A ledger transaction needs an idempotency key of 1 to 200 characters");
    }
    entries = List.copyOf(entries);
    if (entries.size() < 2) {
      throw new UnbalancedTransaction(
          idempotencyKey + ": a transaction needs at least two entries");
    }
    long sum = 0;
    for (LedgerEntry entry : entries) {
      if (Math.abs(entry.amountCents()) > MAX_AMOUNT_CENTS) {
        throw new IllegalArgumentException(
            idempotencyKey + ": entry of " + entry.amountCents() + " cents is out of range");
      }
      sum += entry.amountCents();
    }
    if (sum != 0) {
      throw new UnbalancedTransaction(
          idempotencyKey + ": debits and credits differ by " + sum + " cents");
    }
    // play money (tournaments) and real money never meet in one movement, so play money cannot
    // reach a real account however the callers are written
    boolean play = entries.get(0).account().kind().playMoney();
    for (LedgerEntry entry : entries) {
      if (entry.account().kind().playMoney() != play) {
        throw new IllegalArgumentException(
            idempotencyKey + ": a transaction cannot mix play money and real money");
      }
    }
  }

  public static Builder builder(String kind, String idempotencyKey) {
    return new Builder(kind, idempotencyKey);
  }

  public long totalDebitsCents() {
    return entries.stream().mapToLong(LedgerEntry::amountCents).filter(a -> a > 0).sum();
  }

  /** Thrown when debits and credits differ: always a programming error in the caller. */
  public static final class UnbalancedTransaction extends IllegalArgumentException {
    public UnbalancedTransaction(String message) {
      super(message);
    }
  }

  /**
   * Collects debits and credits; amounts on the same account are netted into one entry, and zero
   * amounts are skipped, so callers can add every part of a split without special cases.
   */
  public static final class Builder {
    private final String kind;
    private final String idempotencyKey;
    private @Nullable String reference;
    private @Nullable String memo;
    private final Map<String, LedgerAccount> accounts = new LinkedHashMap<>();
    private final Map<String, Long> amounts = new LinkedHashMap<>();

    private Builder(String kind, String idempotencyKey) {
      this.kind = kind;
      this.idempotencyKey = idempotencyKey;
    }

    public Builder reference(String reference) {
      this.reference = reference;
      return this;
    }

    public Builder memo(String memo) {
      this.memo = memo;
      return this;
    }

    public Builder debit(LedgerAccount account, long cents) {
      return add(account, requireNotNegative(cents));
    }

    public Builder credit(LedgerAccount account, long cents) {
      return add(account, -requireNotNegative(cents));
    }

    private Builder add(LedgerAccount account, long signed) {
      if (signed == 0) {
        return this;
      }
      LedgerAccount known = accounts.putIfAbsent(account.code(), account);
      if (known != null && !known.equals(account)) {
        throw new IllegalArgumentException(
            "Account " + account.code() + " named with two different kinds");
      }
      amounts.merge(account.code(), signed, Math::addExact);
      return this;
    }

    private static long requireNotNegative(long cents) {
      if (cents < 0) {
        throw new IllegalArgumentException(
            "Debit and credit amounts are not negative (got " + cents + ")");
      }
      return cents;
    }

    public LedgerTransaction build() {
      List<LedgerEntry> entries = new ArrayList<>();
      amounts.forEach(
          (code, cents) -> {
            if (cents != 0) {
              // every code in amounts was put in accounts by the same add
              entries.add(
                  new LedgerEntry(java.util.Objects.requireNonNull(accounts.get(code)), cents));
            }
          });
      return new LedgerTransaction(kind, idempotencyKey, reference, memo, entries);
    }
  }
}
