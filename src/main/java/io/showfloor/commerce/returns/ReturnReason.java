package io.showfloor.commerce.returns;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Why a buyer wants their money back. Only {@link #NOT_RECEIVED} makes sense before delivery. */
public enum ReturnReason {
  NOT_RECEIVED,
  NOT_AS_DESCRIBED,
  DAMAGED,
  CHANGED_MIND;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static @Nullable ReturnReason parse(@Nullable String wire) {
    for (ReturnReason reason : values()) {
      if (reason.wire().equals(wire)) {
        return reason;
      }
    }
    return null;
  }
}
