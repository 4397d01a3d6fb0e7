package io.showfloor.auction.rules;

import java.util.Locale;

/**
 * Where a lot is in its life: {@code queued → open → sold | unsold}, or {@code cancelled}. After
 * the sale, a winner who does not pay makes it {@code unpaid}; the seller may then offer it to the
 * runner-up ({@code offered}), which ends {@code sold} (paid) or {@code unsold}.
 */
public enum LotStatus {
  QUEUED,
  OPEN,
  SOLD,
  UNSOLD,
  CANCELLED,
  UNPAID,
  OFFERED;

  /** The lower-case name used in JSON and SQL, e.g. {@code "open"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LotStatus fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
