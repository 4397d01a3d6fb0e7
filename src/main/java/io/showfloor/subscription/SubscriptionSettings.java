package io.showfloor.subscription;

import io.showfloor.platform.config.ConfigException;
import io.showfloor.platform.config.HttpSettings;
import io.showfloor.platform.config.Settings;
import org.jspecify.annotations.Nullable;

/**
 * The plans and billing terms ({@code subscriptions.*} in config/default.json), read and checked
 * once. Stripe is used when {@code stripe.secretKey} is set (Checkout in subscription mode, the
 * customer portal); otherwise the sandbox charges in-app. {@code stripePriceId} names a Stripe
 * Price; without one Checkout is given the Pro price inline.
 */
public record SubscriptionSettings(
    Plan free,
    Plan pro,
    String currency,
    int periodDays,
    int graceDays,
    int sweepMillis,
    @Nullable String stripePriceId,
    @Nullable String stripeSecretKey,
    @Nullable String stripeApiBase,
    String publicUrl) {

  public static SubscriptionSettings from(Settings settings) {
    Plan free = plan(settings, "free", 0, 30, 30, false, 20);
    Plan pro = plan(settings, "pro", 1500, 120, 0, true, 100);
    if (pro.priceCents() <= 0) {
      throw new ConfigException("Setting subscriptions.plans.pro.priceCents must be above 0");
    }
    return new SubscriptionSettings(
        free,
        pro,
        settings.string("subscriptions.currency", "usd"),
        settings.within("subscriptions.periodDays", 30, 1, 366),
        settings.within("subscriptions.graceDays", 7, 0, 60),
        settings.within("subscriptions.sweepMillis", 5000, 100, 3_600_000),
        settings.string("subscriptions.stripePriceId", null),
        settings.string("stripe.secretKey", null),
        settings.string("stripe.apiBase", null),
        HttpSettings.from(settings).publicUrl());
  }

  private static Plan plan(
      Settings settings,
      String name,
      long price,
      int perMinute,
      int historyDays,
      boolean export,
      int watchlist) {
    String at = "subscriptions.plans." + name + ".";
    long priceCents = settings.longValue(at + "priceCents", price);
    if (priceCents < 0) {
      throw new ConfigException("Setting " + at + "priceCents must be at least 0");
    }
    return new Plan(
        name,
        priceCents,
        settings.within(at + "requestsPerMinute", perMinute, 1, 1_000_000),
        settings.within(at + "historyDays", historyDays, 0, 100_000),
        settings.bool(at + "export", export),
        settings.within(at + "watchlistMax", watchlist, 1, 10_000));
  }

  public boolean stripe() {
    return stripeSecretKey != null;
  }

  public Plan plan(boolean isPro) {
    return isPro ? pro : free;
  }
}
