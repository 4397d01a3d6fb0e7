package io.showfloor.auction.rules;

import java.util.Locale;

/** Where a lot is in its life: {@code queued → open → sold | unsold}, or {@code cancelled}. */
public enum LotStatus {
    QUEUED, OPEN, SOLD, UNSOLD, CANCELLED;

    /** The lower-case name used in JSON and SQL, e.g. {@code "open"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LotStatus fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
