package io.showfloor.notify;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of notification a user can switch on and off, per channel, on the settings page. A
 * notification's kind ({@code outbid}, {@code order_shipped}, {@code show.live} …) falls in a topic
 * by its first word; anything that fits none (account and safety notices, suspensions) is always
 * delivered. A mail names its topic where it is queued ({@link MailOutbox#enqueueToUser}).
 */
public final class NotificationTopics {
  public record Topic(String id, String label, List<String> prefixes) {}

  public static final Topic AUCTIONS =
      new Topic(
          "auctions",
          "Bids and auctions: outbid, won, offers, giveaways",
          List.of("outbid", "won", "lot", "runner_up", "giveaway", "flash", "prebid", "bid"));
  public static final Topic ORDERS =
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
              "sale"));
  public static final Topic SHOWS =
      new Topic(
          "shows",
          "Shows of hosts you follow and wishlist items going live",
          List.of("show", "wishlist"));
  public static final Topic MONEY =
      new Topic(
          "money",
          "Wallet, deposits, withdrawals and payouts",
          List.of("wallet", "deposit", "withdrawal", "payout"));
  public static final Topic MARKET =
      new Topic("market", "Market fills and listings", List.of("market", "fill", "instrument"));

  public static final List<Topic> ALL = List.of(AUCTIONS, ORDERS, SHOWS, MONEY, MARKET);

  private NotificationTopics() {}

  /** The topic of a notification kind; null when it is always delivered. */
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
