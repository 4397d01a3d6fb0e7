package io.showfloor.moderation;

import java.util.Locale;

/**
 * What a report or a queue item is about. Market flags come from the market's surveillance, never
 * from a report.
 */
enum TargetType {
  CHAT_MESSAGE,
  USER,
  SHOW,
  PRODUCT,
  REVIEW,
  MARKET_INSTRUMENT,
  MARKET_FLAG,
  /**
   * An escalated buyer's return request (commerce decides it: POST /api/return-requests/{id}/rule).
   */
  RETURN_REQUEST,
  /** A card dispute: the card network decides it; the item shows the evidence to submit. */
  PAYMENT_DISPUTE;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TargetType parse(String wire) {
    for (TargetType type : values()) {
      if (type.wire().equals(wire)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown target type " + wire);
  }

  /** Instruments are named by their symbol; everything else by a numeric id. */
  boolean keyedBySymbol() {
    return this == MARKET_INSTRUMENT;
  }

  boolean reportable() {
    return this != MARKET_FLAG && this != RETURN_REQUEST && this != PAYMENT_DISPUTE;
  }
}
