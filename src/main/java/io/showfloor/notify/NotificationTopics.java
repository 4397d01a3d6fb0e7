package io.showfloor.notify;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of notification a user can switch on and off, per channel, on the settings page. A
 * notification's kind ({@code outbid}, {@code order_shipped}, {@code show.live} …) or a mail's
 * dedupe key ({@code outbid:…}, {@code payout-paid-…}) falls in a topic by its first word; anything
 * that fits none (account and safety notices, suspensions) is always delivered.
 */
public final class NotificationTopics {
  public record Topic(String id, String label, List<String> prefixes) {}

  public static final List<Topic> ALL =
      List.of(
          new Topic(
              "auctions",
              "Bids and auctions: outbid, won, offers, giveaways",
              List.of("outbid", "won", "lot", "runner_up", "giveaway", "flash", "prebid", "bid")),
          new Topic(
              "orders",
              "Orders, shipping, returns and reviews",
              List.of(
                  "order",
                  "refund",
                  "return",
                  "dispute",
                  "review",
                  "checkout",
                  "delivery",
                  "partnership",
                  "low_stock",
                  "sale")),
          new Topic(
              "shows",
              "Shows of hosts you follow and wishlist items going live",
              List.of("show", "wishlist")),
          new Topic(
              "money",
              "Wallet, deposits, withdrawals and payouts",
              List.of("wallet", "deposit", "withdrawal", "payout")),
          new Topic(
              "market", "Market fills and listings", List.of("market", "fill", "instrument")));

  private NotificationTopics() {}

  /** The topic of a notification kind or a mail's dedupe key; null when it is always delivered. */
  public static @Nullable String of(String kindOrKey) {
    String word = kindOrKey.toLowerCase(Locale.ROOT).replace('-', '_');
    for (Topic topic : ALL) {
      for (String prefix : topic.prefixes()) {
        if (word.startsWith(prefix)) {
          return topic.id();
        }
      }
    }
    return null;
  }

  public static boolean exists(String id) {
    return ALL.stream().anyMatch(t -> t.id().equals(id));
  }
}
