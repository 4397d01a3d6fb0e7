package io.showfloor.moderation;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a moderator does with a queue item, and on which targets it makes sense. Every action but
 * {@link #DISMISS} upholds the item's reports. No I/O: the rules are read here and tested directly.
 */
enum Action {
  /**
   * Takes the content down through its own domain: delete a chat message, hide a review, archive a
   * product, stop a listing.
   */
  REMOVE_CONTENT,
  DISMISS,
  /** A notification to whose content it is. */
  WARN_USER,
  /** Silences the author of a chat message in that message's show for {@code minutes}. */
  TIMEOUT_USER,
  /** Bans the author of a chat message from that message's show. */
  BAN_FROM_SHOW,
  /** No login and no API for {@code days}. */
  SUSPEND_USER;

  static final int MAX_TIMEOUT_MINUTES = 7 * 24 * 60;
  static final int MAX_SUSPENSION_DAYS = 365;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Action parse(String wire) {
    for (Action action : values()) {
      if (action.wire().equals(wire)) {
        return action;
      }
    }
    throw new IllegalArgumentException("Unknown action " + wire);
  }

  boolean upholds() {
    return this != DISMISS;
  }

  /** Why this action cannot be taken on that kind of target, or null when it can. */
  @Nullable String refusal(TargetType target) {
    if (target == TargetType.RETURN_REQUEST) {
      return "A return request is ruled on with POST /api/return-requests/{id}/rule (refund or reject)";
    }
    if (target == TargetType.PAYMENT_DISPUTE) {
      return "A card dispute is decided by the card network; submit the evidence shown with the item at the payment provider";
    }
    return switch (this) {
      case DISMISS, WARN_USER, SUSPEND_USER -> null;
      case TIMEOUT_USER, BAN_FROM_SHOW ->
          target == TargetType.CHAT_MESSAGE
              ? null
              : wire() + " needs a show: it applies to chat messages (their author, in their show)";
      case REMOVE_CONTENT ->
          switch (target) {
            case CHAT_MESSAGE, REVIEW, PRODUCT, MARKET_INSTRUMENT, SHOW -> null;
            case USER -> "A user is not content: use suspend_user";
            case MARKET_FLAG ->
                "A surveillance flag has no content to remove: warn or suspend the traders, or dismiss it";
            case RETURN_REQUEST, PAYMENT_DISPUTE -> "decided outside the queue";
          };
    };
  }
}
